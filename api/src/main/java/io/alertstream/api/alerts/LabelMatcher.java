package io.alertstream.api.alerts;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.alertstream.api.http.ProblemException;
import java.util.Map;

/**
 * One {@code match} filter of {@code GET /v1/alerts}, as Prometheus writes label matchers:
 * {@code name=value}, {@code name!=value}, {@code name=~regex}, {@code name!~regex}. Regexes are RE2
 * (linear time: a user's pattern cannot stall the server) and match the whole value. A missing label
 * is the empty string.
 */
public record LabelMatcher(String name, String op, String value, Pattern regex) {

    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("^([^=!~]+)(=~|!~|!=|=)(.*)$", java.util.regex.Pattern.DOTALL);

    /** Parses one matcher; a bad one is a 400 problem that says the accepted forms. */
    public static LabelMatcher parse(String text) {
        java.util.regex.Matcher m = SHAPE.matcher(text);
        if (!m.matches() || m.group(1).isBlank()) {
            throw ProblemException.badRequest("match='" + text + "' is not a label matcher; use name=value, name!=value, name=~regex or name!~regex");
        }
        String op = m.group(2);
        Pattern regex = null;
        if (op.endsWith("~")) {
            try {
                regex = Pattern.compile(m.group(3));
            } catch (PatternSyntaxException e) {
                throw ProblemException.badRequest("match='" + text + "': bad regular expression: " + e.getMessage());
            }
        }
        return new LabelMatcher(m.group(1).trim(), op, m.group(3), regex);
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels == null ? "" : labels.getOrDefault(name, "");
        actual = actual == null ? "" : actual;
        return switch (op) {
            case "=" -> actual.equals(value);
            case "!=" -> !actual.equals(value);
            case "=~" -> regex.matches(actual);
            default -> !regex.matches(actual);
        };
    }
}
