package io.alertstream.topology.notify;

/** What the router forwards: an alert for an immediate group, a status change for a receiver's digest, or a dead letter. */
sealed interface NotifyRouted permits GroupedAlert, ToDigest, NotifyDeadLetter {
}
