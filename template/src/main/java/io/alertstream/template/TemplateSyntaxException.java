package io.alertstream.template;

/**
 * A {@code {{} in a template that starts no placeholder ({@code {{name}}}): unclosed, empty, or with a
 * character a name cannot hold. The message names the character position (0-based) of that {@code {{}.
 */
public final class TemplateSyntaxException extends IllegalArgumentException {
    private final int position;

    TemplateSyntaxException(int position) {
        super("malformed placeholder at character " + position
                + ": expected {{name}} with letters, digits, '_', '-' or '.'");
        this.position = position;
    }

    /** The 0-based character position of the {@code {{} that starts no placeholder. */
    public int position() {
        return position;
    }
}
