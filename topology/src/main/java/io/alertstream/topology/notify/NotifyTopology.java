package io.alertstream.topology.notify;

import io.alertstream.topology.InputLimits;
import io.alertstream.topology.StateStores;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.Topics;
import io.alertstream.topology.deadletter.DeadLetter;
import io.alertstream.topology.deadletter.DeadLetterSink;
import io.alertstream.topology.digest.AlarmDigest;
import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.digest.DigestJson;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.routing.RoutingStoreUpdater;
import io.alertstream.topology.silence.FiringAlerts;
import io.alertstream.topology.silence.FiringStoreUpdater;
import io.alertstream.topology.silence.Silence;
import io.alertstream.topology.silence.SilenceCatalog;
import io.alertstream.topology.silence.SilenceStoreUpdater;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Adds the notification sub-topology to a builder. Pure: no I/O.
 *
 * <pre>
 * routing (compacted) ─▶ global routing store ─▶ routing catalog (router, grouper, digest scheduler and notifier)
 * silences (compacted) ─▶ global silences store ─▶ silence catalog;  notify-firing (compacted) ─▶ global firing view
 * alerts ─▶ route ─┬─▶ mode immediate, key receiver|group ─▶ flapping, escalation ─▶ [repartition notify-by-group] ─▶ group ─▶ notifications
 *                  │                                                  └─▶ silence notices (partition 0) ─▶ notifications, silences
 *                  ├─▶ firing labels / tombstone, key alert key ─▶ notify-firing
 *                  ├─▶ a silenced alert resolved ─▶ notifications (to the silence's creator)
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
        builder.addGlobalStore(
                StateStores.routing(),
                config.routingTopic(),
                Topics.ROUTING.consumed("notify-routing-source"),
                () -> new RoutingStoreUpdater(routing));
    }

    /**
     * The global views silences and inhibition need: the silences topic into {@code silences} and the firing alerts
     * the router writes ({@code notify-firing}) into {@code firing} (which also feeds the until-resolved silences).
     */
    public static void addSuppressionStores(StreamsBuilder builder, NotifyConfig config, SilenceCatalog silences, FiringAlerts firing) {
        builder.addGlobalStore(
                StateStores.silences(),
                config.silencesTopic(),
                Topics.SILENCES.consumed("notify-silences-source"),
                () -> new SilenceStoreUpdater(silences));
        builder.addGlobalStore(
                StateStores.notifyFiring(),
                config.firingTopic(),
                Topics.FIRING.consumed("notify-firing-source"),
                () -> new FiringStoreUpdater(firing, silences));
    }

    /**
     * @param rules   the rules in force: their owners and recipients are routes too ({@code RuleRoutes})
     * @param digests the digest processor's output, keyed by UserID
     */
    public static void addTo(StreamsBuilder builder, NotifyConfig config, DigestConfig digestConfig, RoutingCatalog routing,
                             RuleCatalog rules, KStream<String, AlarmDigest> digests, SilenceCatalog silences, FiringAlerts firing) {
        Serde<String> strings = Serdes.String();
        builder.addStateStore(StateStores.notifyGroups());
        builder.addStateStore(StateStores.notifyDue());
        builder.addStateStore(StateStores.notifySuppressed());
        builder.addStateStore(StateStores.silenceNotices());
        Suppression suppression = new Suppression(silences, firing);

        Map<String, KStream<String, RouterOutput>> routed = builder
                .stream(config.alertsTopic(), Topics.ALERTS.consumedAsBytes("notify-alerts-source"))
                .process(() -> new NotificationRouter(routing, rules, silences), Named.as("notify-route"))
                .split(Named.as("notify-routed-"))
                .branch((k, v) -> v instanceof GroupedAlert, Branched.as("immediate"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.as("dead-letter"))
                .branch((k, v) -> v instanceof FiringUpdate, Branched.as("firing"))
                .branch((k, v) -> v instanceof NoticeOut, Branched.as("notice"))
                .defaultBranch(Branched.as("digest"));
        DeadLetterSink.addTo(routed.get("notify-routed-dead-letter"), config.deadLetterTopic(),
                InputLimits.MAX_DEAD_LETTER_BYTES_DEFAULT, "notify-");
        routed.get("notify-routed-firing").mapValues(v -> ((FiringUpdate) v).labelsJson(), Named.as("notify-firing-json"))
                .to(config.firingTopic(), Topics.FIRING.produced("notify-firing-sink"));
        routed.get("notify-routed-notice").mapValues(v -> ((NoticeOut) v).notification(), Named.as("notify-as-notice"))
                .to(config.notificationsTopic(), Topics.NOTIFICATIONS.produced("notify-notice-sink"));
        KStream<String, GroupedAlert> grouped = routed.get("notify-routed-immediate").mapValues(v -> (GroupedAlert) v, Named.as("notify-as-grouped"))
                .process(() -> new AlertLifecycleStage(config, routing), Named.as("notify-lifecycle"),
                        NotifyLifecycleStores.addTo(builder, config))
                .repartition(Repartitioned.with(strings, new JsonSerde<>(GroupedAlert.class)).withName("notify-by-group"));
        grouped.process(() -> new NotificationGrouper(config, routing, suppression), Named.as("notify-group"),
                        StoreNames.NOTIFY_GROUPS, StoreNames.NOTIFY_DUE, StoreNames.NOTIFY_SUPPRESSED)
                .to(config.notificationsTopic(), Topics.NOTIFICATIONS.produced("notify-sink"));
        Map<String, KStream<String, Object>> notices = grouped
                .process(() -> new SilenceNotifier(config, routing, silences), Named.as("notify-silence-notices"), StoreNames.SILENCE_NOTICES)
                .split(Named.as("notify-silence-"))
                .branch((k, v) -> v instanceof Notification, Branched.as("notice"))
                .defaultBranch(Branched.as("ended"));
        notices.get("notify-silence-notice").mapValues(v -> (Notification) v, Named.as("notify-silence-as-notice"))
                .to(config.notificationsTopic(), Topics.NOTIFICATIONS.produced("notify-silence-notice-sink"));
        JsonSerde<Silence> silenceJson = new JsonSerde<>(Silence.class);
        notices.get("notify-silence-ended")
                .mapValues(v -> v instanceof Silence s ? new String(silenceJson.serializer().serialize(config.silencesTopic(), s),
                        java.nio.charset.StandardCharsets.UTF_8) : (String) v, Named.as("notify-silence-as-record"))
                .to(config.silencesTopic(), Topics.SILENCES.produced("notify-silence-ended-sink"));
        routed.get("notify-routed-digest").mapValues(v -> DigestJson.write(((ToDigest) v).change()), Named.as("notify-digest-json"))
                .to(digestConfig.statusTopic(), Topics.DIGEST_STATUS.produced("notify-digest-status-sink"));

        digests.process(() -> new DigestNotifier(routing, config.maxAlertsPerNotification()), Named.as("notify-digest"))
                .to(config.notificationsTopic(), Topics.NOTIFICATIONS.produced("notify-digest-sink"));
    }
}
