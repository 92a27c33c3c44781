package io.alertstream.topology.notify;

/** What the router forwards: an alert for an immediate group, or a status change for a receiver's digest. */
sealed interface NotifyRouted permits GroupedAlert, ToDigest {
}
