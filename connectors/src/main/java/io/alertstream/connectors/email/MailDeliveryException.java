package io.alertstream.connectors.email;

/**
 * A message the mail server did not accept. {@link #isTransient()} is true when trying again later can help
 * (outage, timeout, 4xx reply such as a greylisting 451), false for a permanent 5xx refusal.
 */
public class MailDeliveryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public MailDeliveryException(boolean transientFailure, String message, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
