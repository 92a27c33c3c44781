package io.alertstream.topology.notify;

import io.alertstream.topology.digest.StatusChange;

/** An alert routed in {@code digest} mode: a status change of the receiver's digest (UserID = receiver name). */
record ToDigest(StatusChange change) implements RouterOutput {
}
