package io.alertstream.topology;

import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.notify.NotifyConfig;
import io.alertstream.topology.rules.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The application's own settings ({@code alertstream.*} keys), parsed once into typed fields. Kafka and
 * Streams settings live beside them in the same properties and are passed through untouched.
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

    public static AlertTopologyConfig defaults() {
        return from(new Properties());
    }

    public static AlertTopologyConfig from(Properties p) {
        return new AlertTopologyConfig(
                Arrays.stream(p.getProperty(PREFIX + "topic.events", "events").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                p.getProperty(PREFIX + "topic.rules", "rules"),
                p.getProperty(PREFIX + "topic.alerts", "alerts"),
                p.getProperty(PREFIX + "topic.counters", "counters"),
                p.getProperty(PREFIX + "topic.dead-letter", "events.dlq"),
                Integer.parseInt(p.getProperty(PREFIX + "source.partitions", "1")),
                p.getProperty(PREFIX + "event.time.field", "timestamp"),
                Integer.parseInt(p.getProperty(PREFIX + "event.max.bytes", String.valueOf(1024 * 1024))),
                duration(p, "event.max.future", "1m"),
                duration(p, "watermark.interval", "500ms"),
                duration(p, "preaggregate.interval", "50ms"),
                duration(p, "idle.timeout", "30s"),
                duration(p, "counters.interval", "1s"),
                duration(p, "rules.check.interval", "1s"),
                duration(p, "commit.on.alert.within", "0"),
                DigestConfig.from(withAlertsTopic(p)),
                NotifyConfig.from(p),
                InputLimits.from(p),
                p.getProperty(PREFIX + "topic.rule-problems", "rule-problems"),
                p.getProperty(PREFIX + "topic.targets", "targets"),
                p.getProperty(PREFIX + "topic.probes", "probes"));
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

    /** The duration at {@code alertstream.<key>}, or {@code dflt}; a bad one fails naming the key. */
    public static Duration duration(Properties p, String key, String dflt) {
        String text = p.getProperty(PREFIX + key, dflt);
        Duration d = Durations.parse(text);
        if (d == null) {
            // The value is not echoed: a message must never carry a config value (some are secrets).
            throw new IllegalArgumentException("bad duration for " + PREFIX + key + " (use e.g. 500ms, 30s, 5m)");
        }
        return d;
    }
}
