package io.alertstream.topology.routing;

import com.google.re2j.Pattern;
import java.util.Map;

/**
 * One label matcher of a silence or an inhibit rule: {@code name=value}, {@code name!=value},
 * {@code name=~re2} or {@code name!~re2}. Regular expressions are RE2 (re2j, checked by {@link RegexCheck})
 * and match the whole value. A label the alert lacks has the value {@code ""}, as in Alertmanager, so
 * {@code team!=payments} holds for an alert without {@code team}.
 *
 * @param pattern the compiled expression of {@code =~} and {@code !~}; null for the others
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        final String text;

        Op(String text) {
            this.text = text;
        }
    }

    /** A parsed matcher, or the problem and the 0-based index in the text it points at. */
    public record Parsed(LabelMatcher matcher, String problem, int index) {
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, Op.EQ, value, null);
    }

    /** @return null when the expression is not RE2 or too large (the problem is the reader's to report) */
    public static LabelMatcher regex(String name, String regex) {
        RegexCheck.Result r = RegexCheck.compile(regex);
        return r.pattern() == null ? null : new LabelMatcher(name, Op.RE, regex, r.pattern());
    }

    /** Parses {@code name=value}, {@code name!=value}, {@code name=~re2} or {@code name!~re2}. */
    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed(null, "a matcher must be text such as service=checkout", 0);
        }
        int i = 0;
        while (i < text.length() && "=!~".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        String name = text.substring(0, i).trim();
        String rest = text.substring(i);
        Op op = rest.startsWith("=~") ? Op.RE : rest.startsWith("!~") ? Op.NRE : rest.startsWith("!=") ? Op.NE
                : rest.startsWith("=") ? Op.EQ : null;
        if (op == null) {
            return new Parsed(null, "bad matcher '" + clip(text) + "': expected name=value, name!=value, name=~re2 or name!~re2", 0);
        }
        if (!NAME.matcher(name).matches()) {
            return new Parsed(null, "bad label name '" + clip(name) + "' in matcher '" + clip(text) + "'", 0);
        }
        String value = rest.substring(op.text.length());
        if (op == Op.EQ || op == Op.NE) {
            return new Parsed(new LabelMatcher(name, op, value, null), null, 0);
        }
        RegexCheck.Result r = RegexCheck.compile(value);
        if (r.pattern() == null) {
            return new Parsed(null, r.problem(), i + op.text.length() + r.index());
        }
        return new Parsed(new LabelMatcher(name, op, value, r.pattern()), null, 0);
    }

    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> value.equals(v);
            case NE -> !value.equals(v);
            case RE -> pattern.matcher(v).matches();
            case NRE -> !pattern.matcher(v).matches();
        };
    }

    public static boolean all(java.util.List<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + op.text + value;
    }

    private static String clip(String s) {
        return io.alertstream.topology.sourcefile.YamlValues.clip(s);
    }
}
