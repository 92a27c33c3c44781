package io.alertstream.api;

/**
 * Every store of the API topology, in one place: the names interactive queries use, and the names
 * of their changelog topics ({@code <application.id>-<store>-changelog}), which must stay stable
 * across versions.
 */
public final class ApiStores {
    /** Firing alerts by alert key: the engine's last FIRING transition; RESOLVED deletes it. Partitioned like {@code alerts}. */
    public static final String FIRING = "api-firing-alerts";
    /** The last {@link io.alertstream.api.alerts.Transitions#MAX} transitions of each alert key, oldest first. */
    public static final String TRANSITIONS = "api-alert-transitions";
    /** Every transition by its event time ({@code at}), for time-range queries; kept for the history retention. */
    public static final String HISTORY = "api-alert-history";
    /** Global: the running rules by rule id (the {@code rules} topic). */
    public static final String RULES = "api-rules";
    /** Global: each rules directory's current validation problems (the {@code rule-problems} topic). */
    public static final String RULE_PROBLEMS = "api-rule-problems";

    /**
     * Global: the routing file in force (the {@code routing} topic), for route-based visibility. The engine's
     * own store name, because the engine's {@link io.alertstream.topology.routing.RoutingStoreUpdater} fills it;
     * global stores have no changelog, so sharing the name with the engine's application is harmless.
     */
    public static final String ROUTING = io.alertstream.topology.StoreNames.ROUTING;

    /** Global: the uptime targets by id (the {@code targets} topic). */
    public static final String TARGETS = "api-targets";
    /** Hourly probe buckets per target id (successes, failures, latency sketch), kept 26 h (see TargetStores). Partitioned like {@code probes}. */
    public static final String PROBE_STATS = "api-probe-stats";

    /** Global: alert key to the acknowledgements of the alert (the {@code acks} topic), oldest first, bounded. */
    public static final String ACKS = "api-alert-acks";

    /**
     * The last {@link io.alertstream.api.notifications.SentNotifications#MAX} notifications that named each alert key
     * (the engine's {@code notifications} topic, re-keyed by alert key), oldest first. Partitioned by alert key through
     * the {@code api-notifications-by-alert} repartition topic.
     */
    public static final String NOTIFICATIONS = "api-alert-notifications";
    /** Alert key to the engine's flapping notice of it, while the newest notification naming it is that notice. Partitioned like {@link #NOTIFICATIONS}. */
    public static final String FLAPPING = "api-flapping-alerts";

    private ApiStores() {
    }
}
