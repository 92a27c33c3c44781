package io.alertstream.topology.routing;

/**
 * The routing in force, shared by the global-store thread that reads the routing topic and the stream
 * threads that route alerts and schedule digests. An immutable spec behind a volatile reference: readers
 * never lock and always see a whole file, never half of an update.
 */
public final class RoutingCatalog {
    private volatile RoutingSpec current = RoutingSpec.NONE;

    public RoutingSpec current() {
        return current;
    }

    public void set(RoutingSpec spec) {
        current = spec == null ? RoutingSpec.NONE : spec;
    }
}
