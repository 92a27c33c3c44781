package io.alertstream.template;

/**
 * A value already written in a template's output format (e.g. a list of alerts rendered as HTML by another
 * template), which {@link Template#render(java.util.function.Function, Escaper)} inserts without escaping it
 * again. Only text produced by our own templates and escapers should be wrapped in it.
 */
public record Markup(String text) {
    public Markup {
        text = text == null ? "" : text;
    }
}
