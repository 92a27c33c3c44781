package io.alertstream.api.history;

/** The history archive could not answer now (connection refused, timeout, an error status); retrying may help. */
public final class ArchiveUnavailableException extends RuntimeException {
    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
