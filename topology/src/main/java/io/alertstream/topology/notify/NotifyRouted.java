package io.alertstream.topology.notify;

/** What the router forwards: an alert for an immediate group, a status change for a receiver's digest, a dead letter,
 * an update of the global firing view, or a notice to a silence's creator. */
sealed interface NotifyRouted permits GroupedAlert, ToDigest, NotifyDeadLetter, FiringUpdate, NoticeOut {
}
