package io.alertstream.api;

import io.alertstream.api.alerts.AlertViews;
import io.alertstream.api.alerts.RoutingView;
import io.alertstream.api.auth.AccountStores;
import io.alertstream.api.rules.RuleViews;
import io.alertstream.api.silences.SilenceStores;
import io.alertstream.api.targets.TargetStores;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.silence.FiringAlerts;
import io.alertstream.topology.silence.SilenceCatalog;
import io.alertstream.topology.sourcefile.Durations;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The API's own Kafka Streams topology, a pure factory (no I/O): the accounts and tokens read into
 * global stores (every instance authenticates any request) and the engine's alerts read into
 * partitioned stores of firing alerts and recent transitions (queried where the key lives), and the
 * running rules and their validation problems into global stores, and the routing file into a global
 * store whose parsed form ({@link RoutingCatalog}) decides route-based visibility, and the uptime targets
 * (global) and hourly probe stats ({@link TargetStores}), the acknowledgements of alerts (global,
 * {@link io.alertstream.api.alerts.AckViews}), the silences with the engine's firing view ({@link SilenceStores}), and
 * each alert's recent notifications and the flapping alerts, from the engine's notifications
 * ({@link io.alertstream.api.notifications.NotificationStores}).
 */
public final class ApiTopology {
    private ApiTopology() {
    }

    /** With the default history retention ({@link ApiConfig#HISTORY_RETENTION_DEFAULT}). */
    public static Topology build(ApiTopics topics) {
        return build(topics, Durations.parse(ApiConfig.HISTORY_RETENTION_DEFAULT));
    }

    /** With a routing catalog nobody reads (tests of the other stores). */
    public static Topology build(ApiTopics topics, Duration historyRetention) {
        return build(topics, historyRetention, new RoutingCatalog());
    }

    /** @param routing kept current from the routing topic; the alert endpoints' {@code Visibility} reads it */
    public static Topology build(ApiTopics topics, Duration historyRetention, RoutingCatalog routing) {
        FiringAlerts firing = new FiringAlerts(routing);
        return build(topics, historyRetention, routing, new SilenceCatalog(firing), firing);
    }

    /** @param silences kept current from the silences topic and the firing view; an alert's {@code silencedBy} reads it */
    public static Topology build(ApiTopics topics, Duration historyRetention, RoutingCatalog routing, SilenceCatalog silences,
                                 FiringAlerts firing) {
        StreamsBuilder builder = new StreamsBuilder();
        AccountStores.addTo(builder, topics);
        AlertViews.addTo(builder, topics, historyRetention);
        RuleViews.addTo(builder, topics);
        RoutingView.addTo(builder, topics, routing);
        TargetStores.addTo(builder, topics);
        io.alertstream.api.alerts.AckViews.addTo(builder, topics);
        SilenceStores.addTo(builder, topics, silences, firing);
        io.alertstream.api.notifications.NotificationStores.addTo(builder, topics);
        return builder.build();
    }
}
