package io.alertstream.topology.digest;

import io.alertstream.topology.InputLimits;
import io.alertstream.topology.StateStores;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.Topics;
import io.alertstream.topology.deadletter.DeadLetterSink;
import io.alertstream.topology.routing.RoutingCatalog;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Adds the per-user alarm digest sub-topology to a builder. Pure: no I/O; {@code AlertTopology.build}
 * and the tests call the same method.
 *
 * <pre>
 * alerts ───────────────▶ bridge ─┬─▶ one AlarmStatusChanged per owner ─▶ alarm-status-changed
 *                                 └─▶ unmappable alert ──────────────────────────────────────────▶ DLQ
 * alarm-status-changed ─▶ parse ──┬─▶ StatusChange, key UserID ──┐
 *                                 └─▶ malformed ─────────────────┼───────────────────────────────▶ DLQ
 * send-alarm-digest ────▶ parse ──┬─▶ DigestRequest, key UserID ─┤
 *                                 └─▶ malformed ─────────────────┼───────────────────────────────▶ DLQ
 *                                             [repartition digest-by-user, key UserID]
 *                                                                ▼
 *       digest (stores digest-user-alarms, digest-cleared-index, digest-schedule; scheduled digests)
 *                                 ├─▶ AlarmDigest, key UserID ─▶ alarm-digest
 *                                 └─▶ new alarm of a user at its limit ──────────────────────────▶ DLQ
 * DLQ = alarm-status-changed.dlq (original key and value; reason and origin in headers)
 * </pre>
 * Both inputs are keyed by UserID and repartitioned through one topic, whatever their keys and
 * partition counts, so a user's changes and requests meet in one task and one processor. Every
 * operator is named with a {@code digest-} prefix, so internal topic names stay stable and never clash
 * with the rest of the application. Semantics: see {@link DigestProcessor}.
 */
public final class DigestTopology {
    /**
     * Repartition of both digest inputs by UserID, so each user's alarms and requests meet in one task; part of the
     * internal topic's name ({@code <application.id>-digest-by-user-repartition}): changing it loses what is in flight.
     */
    public static final String BY_USER_REPARTITION = "digest-by-user";

    private DigestTopology() {
    }

    /** Without routing: digests only on SendAlarmDigest requests. */
    public static KStream<String, AlarmDigest> addTo(StreamsBuilder builder, DigestConfig config) {
        return addTo(builder, config, new RoutingCatalog());
    }

    /**
     * Adds the sub-topology; receivers of {@code routing} with a {@code digest_interval} also get their
     * digest on that schedule. Returns the digests (keyed by UserID) for the notifier to pick up.
     */
    public static KStream<String, AlarmDigest> addTo(StreamsBuilder builder, DigestConfig config, RoutingCatalog routing) {
        Serde<String> strings = Serdes.String();
        builder.addStateStore(StateStores.digestUserAlarms());
        builder.addStateStore(StateStores.digestClearedIndex());
        builder.addStateStore(StateStores.digestSchedule());

        Map<String, KStream<String, DigestParseResult>> changes = parse(builder, Topics.DIGEST_STATUS.named(config.statusTopic()),
                DigestInputParser.statusChanges(config), "digest-status");
        Map<String, KStream<String, DigestParseResult>> requests = parse(builder, Topics.DIGEST_REQUESTS.named(config.requestTopic()),
                DigestInputParser.digestRequests(config), "digest-request");

        KStream<String, DigestInput> inputs = changes.get("digest-status-ok")
                .merge(requests.get("digest-request-ok"), Named.as("digest-inputs"))
                .mapValues(v -> (DigestInput) v, Named.as("digest-as-input"));
        Map<String, KStream<String, DigestOutput>> outputs = inputs
                .repartition(Repartitioned.with(strings, new DigestInputSerde()).withName(DigestTopology.BY_USER_REPARTITION))
                .process(() -> new DigestProcessor(config, routing), Named.as("digest-process"),
                        StoreNames.DIGEST_USER_ALARMS, StoreNames.DIGEST_CLEARED_INDEX, StoreNames.DIGEST_SCHEDULE)
                .split(Named.as("digest-out-"))
                .branch((k, v) -> v instanceof AlarmDigest, Branched.as("digests"))
                .defaultBranch(Branched.as("rejected"));
        KStream<String, AlarmDigest> digests = outputs.get("digest-out-digests").mapValues(v -> (AlarmDigest) v, Named.as("digest-as-digest"));
        digests.to(config.digestTopic(), Topics.DIGESTS.produced("digest-sink"));

        // One dead-letter sink per sub-topology: merging these streams would fuse the parsers, the digest
        // processor and the bridge into one sub-topology, co-partitioning topics that have nothing in common.
        toDeadLetters(changes.get("digest-status-rejected")
                .merge(requests.get("digest-request-rejected"), Named.as("digest-parse-rejected")), config, "digest-parse");
        toDeadLetters(outputs.get("digest-out-rejected"), config, "digest-limit");
        if (config.bridgeEnabled()) {
            addAlertBridge(builder, config);
        }
        return digests;
    }

    /** One input topic through its parser, split into {@code <name>-ok} and {@code <name>-rejected}. */
    private static Map<String, KStream<String, DigestParseResult>> parse(StreamsBuilder builder, Topics.Topic<String, byte[]> topic,
            ProcessorSupplier<byte[], byte[], String, DigestParseResult> parser, String name) {
        return builder.stream(topic.name(), topic.spec().consumedAsBytes(name + "-source"))
                .process(parser, Named.as(name + "-parse"))
                .split(Named.as(name + "-"))
                .branch((k, v) -> v instanceof DigestInput, Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
    }

    /** Writes dead letters with their original key and value bytes (the reason is in the headers). */
    private static void toDeadLetters(KStream<String, ?> deadLetters, DigestConfig config, String prefix) {
        DeadLetterSink.addTo(deadLetters, config.deadLetterTopic(), InputLimits.MAX_DEAD_LETTER_BYTES_DEFAULT, prefix + "-");
    }

    /** Alerts to AlarmStatusChanged messages on the status topic, one per owner; bad alerts to dead letters. */
    private static void addAlertBridge(StreamsBuilder builder, DigestConfig config) {
        Map<String, KStream<String, DigestParseResult>> bridged = builder
                .stream(config.alertsTopic(), Topics.ALERTS.consumedAsBytes("digest-alerts-source"))
                .process(AlertBridge::new, Named.as("digest-alerts-bridge"))
                .split(Named.as("digest-bridge-"))
                .branch((k, v) -> v instanceof StatusChange, Branched.as("ok"))
                .defaultBranch(Branched.as("rejected"));
        bridged.get("digest-bridge-ok").mapValues(v -> DigestJson.write((StatusChange) v), Named.as("digest-bridge-json"))
                .to(config.statusTopic(), Topics.DIGEST_STATUS.produced("digest-bridge-sink"));
        toDeadLetters(bridged.get("digest-bridge-rejected"), config, "digest-bridge");
    }
}
