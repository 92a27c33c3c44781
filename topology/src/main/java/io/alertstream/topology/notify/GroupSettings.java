package io.alertstream.topology.notify;

import io.alertstream.topology.routing.Route;

/** The timing and resolution settings a route gives its groups, in milliseconds (stored with the group). */
record GroupSettings(long groupWaitMs, long groupIntervalMs, long repeatIntervalMs, boolean sendResolved) {

    static GroupSettings of(Route route) {
        return new GroupSettings(route.groupWait().toMillis(), route.groupInterval().toMillis(),
                route.repeatInterval().toMillis(), route.sendResolved());
    }
}
