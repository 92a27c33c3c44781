package io.alertstream.topology.routing;

import java.time.Duration;
import java.util.List;

/**
 * What a route adds to the life of each alert it handles, beyond grouping: flapping detection and
 * escalation. Inherited by child routes like the timings; a child turns them off with
 * {@code flapping: off} and {@code escalate: []}. Only immediate routes use them.
 *
 * @param flapping null = off
 * @param escalate in order of {@code after}, strictly increasing; empty = no escalation
 */
public record RouteLifecycle(Flapping flapping, List<Escalation> escalate) {
    public static final RouteLifecycle NONE = new RouteLifecycle(null, List.of());

    public RouteLifecycle {
        escalate = List.copyOf(escalate);
    }

    public boolean isNone() {
        return flapping == null && escalate.isEmpty();
    }

    /**
     * An alert whose state (FIRING at a level, RESOLVED) changes more than {@code changes} times within
     * {@code within} is flapping: it is told once as flapping, then held until no change for {@code settle}.
     */
    public record Flapping(int changes, Duration within, Duration settle) {
    }

    /** An alert firing on the route for {@code after} and not acknowledged is also told to {@code receiver}. */
    public record Escalation(Duration after, String receiver) {
    }
}
