package io.alertstream.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A text with {@code {{name}}} placeholders: alertstream's one template syntax, used by rule summaries and
 * owners and by the email and webhook connectors' templates (the README's "Templates" section is the
 * user-facing description).
 *
 * <p>Syntax: {@code {{} opens a placeholder, then optional whitespace, a name of letters, digits, {@code _},
 * {@code -} and {@code .} (dots make paths such as {@code group.service} or {@code window.start}), optional
 * whitespace and {@code }}}. A {@code {{} that does not start such a placeholder is a {@link
 * TemplateSyntaxException} naming its character position, so a broken template fails when it is loaded, not
 * when it renders. Everything else is literal text: single braces, a lone {@code }}}, and one brace just before
 * a placeholder ({@code {{{value}}}} is a value between braces).
 *
 * <p>Input: the text, parsed once ({@link #parse}) into literal parts and names. Output: {@link #render}
 * asks a lookup for each name and writes its value through the output's {@link Escaper} (values of type
 * {@link Markup} are already in the output format and go in as they are); a value that is {@code null}
 * renders as the empty string, because what the names mean and which exist is the caller's business. Rendering
 * is a loop over the parts: no regular expression, no parsing per call, so a template can render per alert.
 */
public final class Template {
    private static final Template EMPTY = new Template("", List.of(""), List.of());

    private final String text;
    private final List<String> literals;
    private final List<String> names;

    private Template(String text, List<String> literals, List<String> names) {
        this.text = text;
        this.literals = literals;
        this.names = names;
    }

    /**
     * Parses a template ({@code null} is the empty template).
     *
     * @throws TemplateSyntaxException at the first {@code {{} that starts no placeholder
     */
    public static Template parse(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int literalStart = 0;
        int from = 0;
        while (true) {
            int open = text.indexOf("{{", from);
            if (open < 0) {
                break;
            }
            int start = open;
            int end = placeholderEnd(text, start);
            if (end < 0 && text.startsWith("{", open + 2)) {
                // "{{{name}}": the first brace is text, the placeholder starts one further on.
                start = open + 1;
                end = placeholderEnd(text, start);
            }
            if (end < 0) {
                throw new TemplateSyntaxException(open);
            }
            literals.add(text.substring(literalStart, start));
            names.add(name(text, start));
            literalStart = end;
            from = end;
        }
        literals.add(text.substring(literalStart));
        return new Template(text, List.copyOf(literals), List.copyOf(names));
    }

    /** A template without placeholders: the text as it is, braces included ({@code null} is the empty text). */
    public static Template literal(String text) {
        return text == null || text.isEmpty() ? EMPTY : new Template(text, List.of(text), List.of());
    }

    /** The end (exclusive) of the placeholder that starts with the {@code {{} at {@code open}, or -1. */
    private static int placeholderEnd(String text, int open) {
        int i = skipSpace(text, open + 2);
        int nameStart = i;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == nameStart) {
            return -1;
        }
        i = skipSpace(text, i);
        return text.startsWith("}}", i) ? i + 2 : -1;
    }

    private static String name(String text, int open) {
        int start = skipSpace(text, open + 2);
        int end = start;
        while (isNameChar(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Java's {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Letters, digits, {@code _}, {@code -} and {@code .} (ASCII). */
    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.';
    }

    /** The placeholders' names in order of appearance, repeats included. */
    public List<String> names() {
        return names;
    }

    /** The literal parts: one more than the names; part {@code i} comes before name {@code i}. */
    public List<String> literals() {
        return literals;
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** Renders with values inserted as they are (plain text output). */
    public String render(Function<String, ?> values) {
        return render(values, Escaper.NONE);
    }

    /** Renders with every value escaped for the output, except {@link Markup} values. */
    public String render(Function<String, ?> values, Escaper escaper) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < names.size(); i++) {
            append(out, values.apply(names.get(i)), escaper);
            out.append(literals.get(i + 1));
        }
        return out.toString();
    }

    /**
     * Binds each placeholder once to a slot of the caller's choosing (e.g. "the alert's value", "group field
     * {@code host}"), so that rendering does not look names up again. {@code slotOf} is called once per
     * placeholder, here.
     */
    public <S> Bound<S> bind(Function<String, S> slotOf) {
        List<S> slots = new ArrayList<>(names.size());
        for (String name : names) {
            slots.add(slotOf.apply(name));
        }
        return new Bound<>(literals, slots);
    }

    private static void append(StringBuilder out, Object value, Escaper escaper) {
        if (value instanceof Markup markup) {
            out.append(markup.text());
        } else if (value != null) {
            out.append(escaper.escape(value.toString()));
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** A template whose placeholders are bound to slots; renders by asking for each slot's value. */
    public static final class Bound<S> {
        private final List<String> literals;
        private final List<S> slots;

        private Bound(List<String> literals, List<S> slots) {
            this.literals = literals;
            this.slots = slots;
        }

        /** Renders with values inserted as they are; a {@code null} value renders as the empty string. */
        public String render(Function<? super S, ?> valueOf) {
            return render(valueOf, Escaper.NONE);
        }

        /** Renders with every value escaped for the output, except {@link Markup} values. */
        public String render(Function<? super S, ?> valueOf, Escaper escaper) {
            StringBuilder out = new StringBuilder(literals.get(0));
            for (int i = 0; i < slots.size(); i++) {
                append(out, valueOf.apply(slots.get(i)), escaper);
                out.append(literals.get(i + 1));
            }
            return out.toString();
        }

        /** The slots, in order of appearance. */
        public List<S> slots() {
            return slots;
        }
    }
}
