package io.alertstream.topology;

import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.notify.NotifyConfig;
import io.alertstream.topology.sourcefile.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The application's own settings ({@code alertstream.*} keys), parsed once into typed fields through the
 * documented {@link #CONFIG_DEF} (with {@code InputLimits}, {@code NotifyConfig} and {@code DigestConfig} for
 * their keys). Kafka and Streams settings live beside them in the same properties and are passed through untouched.
 *
 * @param inputTopics        topics carrying events (JSON objects)
 * @param sourcePartitions   partition count of the input topics (the largest); sizes the fan-out
 *                           topic and tells each evaluating task how many upstream watermarks to wait for
 * @param eventTimeField     the JSON field holding event time
 * @param maxEventBytes      larger records go to the dead-letter topic
 * @param maxFuture          events stamped further ahead of the wall clock go to the dead-letter topic
 * @param watermarkInterval  how often every upstream task publishes its watermark
 * @param preAggregateInterval how often upstream tasks send the partial aggregates they gathered (0: no
 *                           pre-aggregation, one fan-out record per matching event)
 * @param idleTimeout        a source partition with no data for this long stops holding the watermark back
 * @param countersInterval   how often changed counters are published (updates in between are merged)
 * @param ruleCheckInterval  how often evaluating tasks look for deleted or disabled rules
 * @param commitOnAlertWithin an alert decided at most this long before the wall clock asks for a commit at
 *                           once instead of waiting for {@code commit.interval.ms} (0: never); alerts about
 *                           older data, as in a backlog, wait for the regular commit
 * @param digest             the per-user alarm digest sub-topology ({@code alertstream.digest.*})
 * @param notifications      routing and notifications ({@code alertstream.notify.*})
 * @param limits             bounds on group values, dead-letter records and distinct_count state ({@link InputLimits})
 * @param ruleProblemsTopic  compacted topic of each rules directory's current validation problems
 *                           ({@code alertstream.topic.rule-problems}), written by the rule publisher
 * @param targetsTopic       compacted topic of the uptime targets keyed by target id ({@code alertstream.topic.targets}),
 *                           written by the API and by the rule publisher from {@code targets.yaml}, read by the probe connector
 * @param probesTopic        the probe connector's check results keyed by target id ({@code alertstream.topic.probes})
 */
public record AlertTopologyConfig(List<String> inputTopics, String rulesTopic, String alertsTopic, String countersTopic,
                                  String deadLetterTopic, int sourcePartitions, String eventTimeField, int maxEventBytes, Duration maxFuture,
                                  Duration watermarkInterval, Duration preAggregateInterval, Duration idleTimeout, Duration countersInterval,
                                  Duration ruleCheckInterval, Duration commitOnAlertWithin, DigestConfig digest,
                                  NotifyConfig notifications, InputLimits limits, String ruleProblemsTopic,
                                  String targetsTopic, String probesTopic) {

    public static final String PREFIX = "alertstream.";
    /** Brokers refuse record timestamps further ahead ({@code log.message.timestamp.after.max.ms}, 1 h by default). */
    static final Duration BROKER_MAX_AHEAD = Duration.ofHours(1);

    public AlertTopologyConfig {
        // Records made from an event carry its time; one the broker refuses would stop the stream thread.
        if (maxFuture.compareTo(BROKER_MAX_AHEAD) >= 0) {
            throw new IllegalArgumentException(PREFIX + "event.max.future=" + Durations.format(maxFuture) + " must be below 1h: alertstream stamps"
                    + " the records it writes with event times, and brokers refuse timestamps more than"
                    + " log.message.timestamp.after.max.ms (1 h by default) ahead");
        }
    }

    public static final String EVENTS_TOPIC_CONFIG = PREFIX + "topic.events";
    public static final String RULES_TOPIC_CONFIG = PREFIX + "topic.rules";
    public static final String ALERTS_TOPIC_CONFIG = PREFIX + "topic.alerts";
    public static final String COUNTERS_TOPIC_CONFIG = PREFIX + "topic.counters";
    public static final String DEAD_LETTER_TOPIC_CONFIG = PREFIX + "topic.dead-letter";
    public static final String RULE_PROBLEMS_TOPIC_CONFIG = PREFIX + "topic.rule-problems";
    public static final String TARGETS_TOPIC_CONFIG = PREFIX + "topic.targets";
    public static final String PROBES_TOPIC_CONFIG = PREFIX + "topic.probes";
    public static final String SOURCE_PARTITIONS_CONFIG = PREFIX + "source.partitions";
    public static final String EVENT_TIME_FIELD_CONFIG = PREFIX + "event.time.field";
    public static final String EVENT_MAX_BYTES_CONFIG = PREFIX + "event.max.bytes";
    public static final String EVENT_MAX_FUTURE_CONFIG = PREFIX + "event.max.future";
    public static final String WATERMARK_INTERVAL_CONFIG = PREFIX + "watermark.interval";
    public static final String PREAGGREGATE_INTERVAL_CONFIG = PREFIX + "preaggregate.interval";
    public static final String IDLE_TIMEOUT_CONFIG = PREFIX + "idle.timeout";
    public static final String COUNTERS_INTERVAL_CONFIG = PREFIX + "counters.interval";
    public static final String RULES_CHECK_INTERVAL_CONFIG = PREFIX + "rules.check.interval";
    public static final String COMMIT_ON_ALERT_WITHIN_CONFIG = PREFIX + "commit.on.alert.within";

    private static final ConfigDef.Validator TOPIC = new ConfigDef.NonEmptyStringWithoutControlChars();

    /** The engine's own keys, with type, default, validator and documentation (the README's table is generated from it). */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(EVENTS_TOPIC_CONFIG, Type.LIST, "events", ConfigDef.ValidList.anyNonDuplicateValues(false, false),
                    Importance.HIGH, "Input topics carrying events (JSON objects), comma-separated.")
            .define(RULES_TOPIC_CONFIG, Type.STRING, "rules", TOPIC, Importance.HIGH,
                    "Compacted topic of the rules (key the rule id, value its JSON), written by 'rules apply' and the rules watcher.")
            .define(ALERTS_TOPIC_CONFIG, Type.STRING, "alerts", TOPIC, Importance.HIGH, "Output topic of alert transitions.")
            .define(COUNTERS_TOPIC_CONFIG, Type.STRING, "counters", TOPIC, Importance.MEDIUM,
                    "Output topic of the windows' running values (read by the Redis counter sink).")
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, "events.dlq", TOPIC, Importance.MEDIUM,
                    "Where events that cannot be evaluated go, with the reason in alertstream.error.* headers.")
            .define(RULE_PROBLEMS_TOPIC_CONFIG, Type.STRING, "rule-problems", TOPIC, Importance.LOW,
                    "Compacted topic of each rules directory's current validation problems (key 'host:absolute-path' of the "
                    + "directory, value a JSON array of {file,line,column,message}, [] once fixed), written by the rules watcher "
                    + "of run/dev and by 'rules apply' (also when it refuses); the API shows them.")
            .define(TARGETS_TOPIC_CONFIG, Type.STRING, "targets", TOPIC, Importance.LOW,
                    "Compacted topic of the uptime targets keyed by target id, written by the API and from targets.yaml, read by "
                    + "the probe connector.")
            .define(PROBES_TOPIC_CONFIG, Type.STRING, "probes", TOPIC, Importance.LOW,
                    "The probe connector's check results, keyed by target id.")
            .define(SOURCE_PARTITIONS_CONFIG, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Partition count of the input topics (the largest); 'run' sets it from the topics it finds.")
            .define(EVENT_TIME_FIELD_CONFIG, Type.STRING, "timestamp", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The JSON field holding event time (epoch milliseconds or an ISO-8601 instant).")
            .define(EVENT_MAX_BYTES_CONFIG, Type.INT, 1024 * 1024, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Larger records go to the dead-letter topic.")
            .define(EVENT_MAX_FUTURE_CONFIG, Type.STRING, "1m", Durations.nonNegativeValidator(), Importance.LOW,
                    "Events stamped further ahead of the wall clock go to the dead-letter topic (reason future-timestamp): such an "
                    + "event would otherwise move the watermark past on-time events. Must be below 1h (brokers refuse timestamps "
                    + "further ahead); events before 1970 go there too (negative-timestamp).")
            .define(WATERMARK_INTERVAL_CONFIG, Type.STRING, "500ms", Durations.positiveValidator(), Importance.LOW,
                    "How often upstream tasks publish their watermark (and persist what they know of their partitions' times).")
            .define(PREAGGREGATE_INTERVAL_CONFIG, Type.STRING, "50ms", Durations.nonNegativeValidator(), Importance.LOW,
                    "Upstream tasks gather the matches of one rule, group and window slot into one partial aggregate and send it at "
                    + "most this late (and before every watermark); 0 sends one record per matching event. Bounds the latency it adds.")
            .define(IDLE_TIMEOUT_CONFIG, Type.STRING, "30s", Durations.positiveValidator(), Importance.MEDIUM,
                    "A partition without data (and without unread records) this long stops holding the watermark back: its time "
                    + "moves on with the wall clock from its newest event.")
            .define(COUNTERS_INTERVAL_CONFIG, Type.STRING, "1s", Durations.positiveValidator(), Importance.LOW,
                    "How often changed counters are published (updates in between are merged).")
            .define(RULES_CHECK_INTERVAL_CONFIG, Type.STRING, "1s", Durations.positiveValidator(), Importance.LOW,
                    "How often evaluating tasks look for deleted or disabled rules.")
            .define(COMMIT_ON_ALERT_WITHIN_CONFIG, Type.STRING, "0", Durations.nonNegativeValidator(), Importance.LOW,
                    "An alert decided at most this long before the wall clock asks for a commit at once (at most one request per "
                    + "stream thread per 100 ms), so it is readable (exactly-once) without waiting for commit.interval.ms; alerts "
                    + "about older data, as when a backlog is read, wait for the regular commit. 0: off. Worth it with a longer "
                    + "commit.interval.ms (500-1000 ms) and rare alerts; at the default 100 ms the extra commits cost more than "
                    + "they save (BENCHMARKS.md).");

    public static AlertTopologyConfig defaults() {
        return from(new Properties());
    }

    /** Reads the {@code alertstream.*} keys; throws {@link org.apache.kafka.common.config.ConfigException} naming a bad key. */
    public static AlertTopologyConfig from(Properties p) {
        Map<String, Object> v = CONFIG_DEF.parse(p);
        @SuppressWarnings("unchecked")
        List<String> events = ((List<String>) v.get(EVENTS_TOPIC_CONFIG)).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new AlertTopologyConfig(
                events,
                (String) v.get(RULES_TOPIC_CONFIG),
                (String) v.get(ALERTS_TOPIC_CONFIG),
                (String) v.get(COUNTERS_TOPIC_CONFIG),
                (String) v.get(DEAD_LETTER_TOPIC_CONFIG),
                (Integer) v.get(SOURCE_PARTITIONS_CONFIG),
                (String) v.get(EVENT_TIME_FIELD_CONFIG),
                (Integer) v.get(EVENT_MAX_BYTES_CONFIG),
                Durations.parse((String) v.get(EVENT_MAX_FUTURE_CONFIG)),
                Durations.parse((String) v.get(WATERMARK_INTERVAL_CONFIG)),
                Durations.parse((String) v.get(PREAGGREGATE_INTERVAL_CONFIG)),
                Durations.parse((String) v.get(IDLE_TIMEOUT_CONFIG)),
                Durations.parse((String) v.get(COUNTERS_INTERVAL_CONFIG)),
                Durations.parse((String) v.get(RULES_CHECK_INTERVAL_CONFIG)),
                Durations.parse((String) v.get(COMMIT_ON_ALERT_WITHIN_CONFIG)),
                DigestConfig.from(withAlertsTopic(p)),
                NotifyConfig.from(p),
                InputLimits.from(p),
                (String) v.get(RULE_PROBLEMS_TOPIC_CONFIG),
                (String) v.get(TARGETS_TOPIC_CONFIG),
                (String) v.get(PROBES_TOPIC_CONFIG));
    }

    /** The digest bridge reads the alerts topic: it follows alertstream.topic.alerts unless set on its own. */
    private static Properties withAlertsTopic(Properties p) {
        Properties copy = new Properties();
        copy.putAll(p);
        if (p.getProperty(PREFIX + "topic.alerts") != null) {
            copy.putIfAbsent(DigestConfig.ALERTS_TOPIC_CONFIG, p.getProperty(PREFIX + "topic.alerts"));
        }
        return copy;
    }

    public AlertTopologyConfig withSourcePartitions(int partitions) {
        return new AlertTopologyConfig(inputTopics, rulesTopic, alertsTopic, countersTopic, deadLetterTopic, partitions,
                eventTimeField, maxEventBytes, maxFuture, watermarkInterval, preAggregateInterval, idleTimeout, countersInterval, ruleCheckInterval, commitOnAlertWithin, digest, notifications, limits, ruleProblemsTopic,
                targetsTopic, probesTopic);
    }
}
