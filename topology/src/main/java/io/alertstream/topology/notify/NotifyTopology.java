package io.alertstream.topology.notify;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.digest.AlarmDigest;
import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.digest.DigestJson;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.routing.RoutingStoreUpdater;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds the notification sub-topology to a builder. Pure: no I/O.
 *
 * <pre>
 * routing (compacted) ─▶ global routing store ─▶ routing catalog (router, grouper, digest scheduler and notifier)
 * alerts ─▶ route ─┬─▶ mode immediate, key receiver|group ─▶ flapping, escalation ─▶ [repartition notify-by-group] ─▶ group ─▶ notifications
 *                  ├─▶ mode digest, key receiver ─▶ AlarmStatusChanged ─▶ alarm-status-changed (the digest's input)
 *                  └─▶ alert that cannot be routed ─▶ dead-letter topic (original bytes, reason in headers)
 * digests (from the digest processor) ─▶ notify-digest ─▶ notifications
 * acks (compacted) ─▶ global acks store ─▶ read by escalation (AlertLifecycleStage) when a step is due
 * </pre>
 * Delivery happens in the email and webhook sink connectors, never here. Every operator is named with
 * a {@code notify-} prefix so internal topic names stay stable.
 */
public final class NotifyTopology {
    private NotifyTopology() {
    }

    /** The global routing store, fed from the routing topic into {@code routing}. */
    public static void addRoutingStore(StreamsBuilder builder, NotifyConfig config, RoutingCatalog routing) {
        Serde<String> strings = Serdes.String();
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.ROUTING), strings, strings).withLoggingDisabled(),
                config.routingTopic(),
                Consumed.with(strings, strings).withName("notify-routing-source"),
                () -> new RoutingStoreUpdater(routing));
    }

    /**
     * @param rules   the rules in force: their owners and recipients are routes too ({@code RuleRoutes})
     * @param digests the digest processor's output, keyed by UserID
     */
    public static void addTo(StreamsBuilder builder, NotifyConfig config, DigestConfig digestConfig, RoutingCatalog routing,
                             RuleCatalog rules, KStream<String, AlarmDigest> digests) {
        Serde<String> strings = Serdes.String();
        Serde<Notification> notifications = new JsonSerde<>(Notification.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.NOTIFY_GROUPS),
                strings, new JsonSerde<>(NotificationGroup.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.NOTIFY_DUE),
                Serdes.Bytes(), Serdes.ByteArray()));

        Map<String, KStream<String, NotifyRouted>> routed = builder
                .stream(config.alertsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("notify-alerts-source"))
                .process(() -> new NotificationRouter(routing, rules), Named.as("notify-route"))
                .split(Named.as("notify-routed-"))
                .branch((k, v) -> v instanceof GroupedAlert, Branched.as("immediate"))
                .branch((k, v) -> v instanceof NotifyDeadLetter, Branched.as("dead-letter"))
                .defaultBranch(Branched.as("digest"));
        routed.get("notify-routed-dead-letter")
                .map((k, v) -> KeyValue.pair(((NotifyDeadLetter) v).key(), ((NotifyDeadLetter) v).value()), Named.as("notify-original-bytes"))
                .to(config.deadLetterTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("notify-dead-letter-sink"));
        routed.get("notify-routed-immediate").mapValues(v -> (GroupedAlert) v, Named.as("notify-as-grouped"))
                .process(() -> new AlertLifecycleStage(config, routing), Named.as("notify-lifecycle"),
                        NotifyLifecycleStores.addTo(builder, config))
                .repartition(Repartitioned.with(strings, new JsonSerde<>(GroupedAlert.class)).withName("notify-by-group"))
                .process(() -> new NotificationGrouper(config, routing), Named.as("notify-group"),
                        StoreNames.NOTIFY_GROUPS, StoreNames.NOTIFY_DUE)
                .to(config.notificationsTopic(), Produced.with(strings, notifications).withName("notify-sink"));
        routed.get("notify-routed-digest").mapValues(v -> DigestJson.write(((ToDigest) v).change()), Named.as("notify-digest-json"))
                .to(digestConfig.statusTopic(), Produced.with(strings, Serdes.ByteArray()).withName("notify-digest-status-sink"));

        digests.process(() -> new DigestNotifier(routing, config.maxAlertsPerNotification()), Named.as("notify-digest"))
                .to(config.notificationsTopic(), Produced.with(strings, notifications).withName("notify-digest-sink"));
    }
}
