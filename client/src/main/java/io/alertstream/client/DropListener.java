package io.alertstream.client;

/**
 * Told of every event the client drops. Called on the thread that dropped it (the caller of
 * {@code send}, or the one calling {@code close}), so it must be quick and must not throw.
 */
@FunctionalInterface
public interface DropListener {
    /**
     * @param event  the object given to {@code send} (its JSON text for {@link DropReason#CLOSE_TIMEOUT})
     * @param reason why it was dropped
     */
    void dropped(Object event, DropReason reason);
}
