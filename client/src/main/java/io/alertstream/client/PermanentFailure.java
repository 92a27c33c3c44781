package io.alertstream.client;

import java.util.List;

/**
 * Some events of a batch were refused for good (HTTP 400 item reasons, 401/403, a record too large for
 * Kafka); every event of the batch not named in {@link #rejections()} was delivered. The client reports
 * the rejections to {@code onRejected} and moves on: retrying them would fail the same way.
 */
public final class PermanentFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Rejection> rejections;

    public PermanentFailure(String message, List<Rejection> rejections) {
        super(message);
        this.rejections = List.copyOf(rejections);
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
