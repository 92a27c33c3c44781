package io.alertstream.connectors.probe;

import java.util.concurrent.CompletableFuture;

/** Runs one check of a target; the future never fails: every failure is an outcome with an error code. */
interface Prober extends AutoCloseable {
    CompletableFuture<ProbeOutcome> probe(ProbeTarget target);

    @Override
    default void close() {
    }
}
