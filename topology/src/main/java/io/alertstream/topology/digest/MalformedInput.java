package io.alertstream.topology.digest;

/**
 * Why a digest input was refused: {@code type} goes to the {@code alertstream.error.type} header (a short
 * stable code an operator can filter on), the message to {@code alertstream.error.message}. Thrown per
 * bad record, so it carries no stack trace.
 */
final class MalformedInput extends Exception {
    private final String type;

    /** The longest message kept: it travels in a dead-letter header, next to the original value, under the broker's size limit. */
    static final int MAX_MESSAGE_CHARS = 500;

    MalformedInput(String type, String message) {
        super(clip(message), null, false, false);
        this.type = type;
    }

    String type() {
        return type;
    }

    /** A message quoting a megabyte-long field value would make a megabyte-long header: keep its start. */
    static String clip(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_CHARS) + "...(" + message.length() + " chars)";
    }
}
