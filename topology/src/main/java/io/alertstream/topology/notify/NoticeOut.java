package io.alertstream.topology.notify;

/** A notice for a silence's creator, made by the router (a silenced alert resolved): goes to the notifications topic as is. */
record NoticeOut(Notification notification) implements RouterOutput {
}
