package io.alertstream.topology;

import io.alertstream.topology.deadletter.DeadLetterSink;
import io.alertstream.topology.digest.AlarmDigest;
import io.alertstream.topology.digest.DigestTopology;
import io.alertstream.topology.evaluation.AlertEvaluator;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.model.Emission;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.FanOutSerde;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.notify.NotifyTopology;
import io.alertstream.topology.processors.EventParser;
import io.alertstream.topology.processors.FanOutPartitioner;
import io.alertstream.topology.processors.PreAggregator;
import io.alertstream.topology.processors.RuleFanOut;
import io.alertstream.topology.processors.RuleStoreUpdater;
import io.alertstream.topology.processors.WatermarkEmitter;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.watermark.SourceBacklog;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Builds the alertstream topology. Pure: no I/O, no clients; {@code main}, the integration tests and
 * the TopologyTestDriver tests all call this one method.
 *
 * <pre>
 * events ─▶ parse ─┬─▶ fan-out (rules × groups) ──┬─▶ pre-aggregate ─▶ [fan-out repartition, keyed ruleId|group] ─▶ evaluate ─┬─▶ alerts
 *                  │                              │   (partials per slot)   watermarks broadcast to every partition       └─▶ counters
 *                  ├─▶ watermarks ────────────────┘
 *                  └─▶ (bad input, wrong field types) ─────────────────────────────────────────────────▶ events.dlq
 * rules (compacted) ─▶ global rules store ─▶ rule catalog shared by fan-out and evaluate
 * alerts ─▶ per-user alarm digests ({@link DigestTopology}) and notifications ({@link NotifyTopology})
 * </pre>
 * Every operator and store is named, so internal topic names stay stable across versions.
 */
public final class AlertTopology {
    public static final String FAN_OUT_TOPIC_NAME = "fan-out";

    private AlertTopology() {
    }

    public static Topology build(AlertTopologyConfig config) {
        return build(config, SourceBacklog.unknown());
    }

    /**
     * @param backlog what the running instance knows about unread input, so that a partition with a
     *                backlog is never taken for an idle one; {@link SourceBacklog#unknown()} in tests
     */
    public static Topology build(AlertTopologyConfig config, SourceBacklog backlog) {
        RuleCatalog catalog = new RuleCatalog();
        StreamsBuilder builder = new StreamsBuilder();
        Serde<String> strings = Serdes.String();

        builder.addGlobalStore(
                StateStores.rules(),
                config.rulesTopic(),
                Topics.RULES.consumed("rules-source"),
                () -> new RuleStoreUpdater(catalog));

        KStream<byte[], byte[]> events = builder.stream(config.inputTopics(), Topics.EVENTS.consumed("events-source"));
        Map<String, KStream<byte[], ParseResult>> parsed = events
                .process(() -> new EventParser(config, catalog), Named.as("parse"))
                .split(Named.as("parse-"))
                .branch((k, v) -> v instanceof ParsedEvent, Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
        KStream<byte[], ParsedEvent> good = parsed.get("parse-ok").mapValues(v -> (ParsedEvent) v, Named.as("as-event"));

        Map<String, KStream<String, ParseResult>> fannedOut = good
                .process(() -> new RuleFanOut(catalog, config.limits()), Named.as("fan-out"))
                .split(Named.as("fan-out-"))
                .branch((k, v) -> v instanceof FanOut, Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
        builder.addStateStore(StateStores.sourceClock());
        KStream<String, ParseResult> watermarks = good.process(() -> new WatermarkEmitter(config, backlog), Named.as("watermarks"),
                StoreNames.SOURCE_CLOCK);

        addEvaluatorStores(builder);
        KStream<String, FanOut> toShuffle = fannedOut.get("fan-out-ok")
                .merge(watermarks, Named.as("with-watermarks"))
                .mapValues(v -> (FanOut) v, Named.as("as-fan-out"));
        if (!config.preAggregateInterval().isZero()) {
            builder.addStateStore(StateStores.preAggregates());
            toShuffle = toShuffle.process(() -> new PreAggregator(config, catalog), Named.as("pre-aggregate"),
                    StoreNames.PRE_AGGREGATES);
        }
        Map<String, KStream<String, Emission>> emitted = toShuffle
                .repartition(Repartitioned.<String, FanOut>with(strings, new FanOutSerde())
                        .withName(FAN_OUT_TOPIC_NAME)
                        .withNumberOfPartitions(config.sourcePartitions())
                        .withStreamPartitioner(new FanOutPartitioner()))
                .process(() -> new AlertEvaluator(config, catalog), Named.as("evaluate"),
                        StoreNames.ALERT_STATE, StoreNames.CLOSE_INDEX, StoreNames.WATERMARKS,
                        StoreNames.PENDING_COUNTERS, StoreNames.RULE_REGISTRY, StoreNames.ABSENCE_STATE,
                        StoreNames.ABSENCE_DUE_INDEX)
                .split(Named.as("emit-"))
                .branch((k, v) -> v instanceof Alert, Branched.as("alerts"))
                .defaultBranch(Branched.as("counters"));
        emitted.get("emit-alerts").mapValues(v -> (Alert) v, Named.as("as-alert"))
                .to(config.alertsTopic(), Topics.ALERTS.produced("alerts-sink"));
        emitted.get("emit-counters").mapValues(v -> (Counter) v, Named.as("as-counter"))
                .to(config.countersTopic(), Topics.COUNTERS.produced("counters-sink"));

        KStream<byte[], ParseResult> rejected = parsed.get("parse-rejected")
                .merge(fannedOut.get("fan-out-rejected").selectKey((k, v) -> (byte[]) null, Named.as("field-rejected")),
                        Named.as("all-rejected"));
        DeadLetterSink.addTo(rejected, config.deadLetterTopic(), config.limits().maxDeadLetterBytes(), "");

        RoutingCatalog routing = new RoutingCatalog();
        NotifyTopology.addRoutingStore(builder, config.notifications(), routing);
        // One path from alerts to digests: the notification router, where a rule's owners are digest routes.
        // The digest's own alerts bridge is for the digest sub-topology run on its own.
        KStream<String, AlarmDigest> digests = DigestTopology.addTo(builder, config.digest().withoutAlertsBridge(), routing);
        io.alertstream.topology.silence.FiringAlerts firing = new io.alertstream.topology.silence.FiringAlerts(routing);
        io.alertstream.topology.silence.SilenceCatalog silences = new io.alertstream.topology.silence.SilenceCatalog(firing);
        NotifyTopology.addSuppressionStores(builder, config.notifications(), silences, firing);
        NotifyTopology.addTo(builder, config.notifications(), config.digest(), routing, catalog, digests, silences, firing);
        return builder.build();
    }

    private static void addEvaluatorStores(StreamsBuilder builder) {
        builder.addStateStore(StateStores.alertState());
        builder.addStateStore(StateStores.closeIndex());
        builder.addStateStore(StateStores.absenceState());
        builder.addStateStore(StateStores.absenceDueIndex());
        builder.addStateStore(StateStores.watermarks());
        builder.addStateStore(StateStores.pendingCounters());
        builder.addStateStore(StateStores.ruleRegistry());
    }
}
