package io.alertstream.connectors.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{name}}} placeholders (names may be dotted paths such as {@code window.start}),
 * parsed once and rendered many times.
 *
 * <p>Rendering asks a lookup function for each name; the lookup decides escaping (HTML, URL), so the
 * template stays format-agnostic. A name the lookup does not know renders as the empty string, because
 * alerts of different rules carry different fields. An unclosed {@code {{} is a syntax error at parse
 * time, so a bad template fails connector validation instead of every message.
 */
public final class PlaceholderTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final List<String> literals;
    private final List<String> names;

    private PlaceholderTemplate(List<String> literals, List<String> names) {
        this.literals = literals;
        this.names = names;
    }

    /** @throws IllegalArgumentException naming the position of a malformed placeholder */
    public static PlaceholderTemplate parse(String text) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int last = 0;
        while (matcher.find()) {
            literals.add(checkedLiteral(text, last, matcher.start()));
            names.add(matcher.group(1));
            last = matcher.end();
        }
        literals.add(checkedLiteral(text, last, text.length()));
        return new PlaceholderTemplate(List.copyOf(literals), List.copyOf(names));
    }

    private static String checkedLiteral(String text, int from, int to) {
        String literal = text.substring(from, to);
        int open = literal.indexOf("{{");
        if (open >= 0) {
            throw new IllegalArgumentException("malformed placeholder at character " + (from + open)
                    + ": expected {{name}} with letters, digits, '_', '-' or '.'");
        }
        return literal;
    }

    public List<String> names() {
        return names;
    }

    public String render(Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < names.size(); i++) {
            String value = lookup.apply(names.get(i));
            out.append(value == null ? "" : value).append(literals.get(i + 1));
        }
        return out.toString();
    }
}
