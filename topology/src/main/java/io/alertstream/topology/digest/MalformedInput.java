package io.alertstream.topology.digest;

/**
 * Why a digest input was refused: {@code type} goes to the {@code alertstream.error.type} header (a short
 * stable code an operator can filter on), the message to {@code alertstream.error.message}. Thrown per
 * bad record, so it carries no stack trace.
 */
final class MalformedInput extends Exception {
    private final String type;

    MalformedInput(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    String type() {
        return type;
    }
}
