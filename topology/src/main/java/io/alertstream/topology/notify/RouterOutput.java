package io.alertstream.topology.notify;

import io.alertstream.topology.deadletter.DeadLetter;

/**
 * What the router forwards: an alert for an immediate group ({@link GroupedAlert}), a status change for a
 * receiver's digest ({@link ToDigest}), a {@link DeadLetter}, an update of the global firing view
 * ({@link FiringUpdate}), or a notice to a silence's creator ({@link NoticeOut}). The topology splits on the type
 * (not sealed only because the one dead-letter record lives in its own package).
 */
public interface RouterOutput {
}
