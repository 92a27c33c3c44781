package io.alertstream.topology.digest;

import io.alertstream.topology.sourcefile.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the digest sub-topology ({@code alertstream.digest.*} keys), parsed once into typed fields
 * by {@link #from(Properties)} through the documented {@link #CONFIG_DEF}; other keys in the same
 * properties are ignored.
 *
 * @param statusTopic       AlarmStatusChanged input (also where the alerts bridge writes)
 * @param requestTopic      SendAlarmDigest input
 * @param digestTopic       AlarmDigest output, keyed by UserID
 * @param deadLetterTopic   malformed inputs, with the reason in headers
 * @param alertsTopic       the alerts the bridge turns into status changes
 * @param bridgeEnabled     whether the alerts bridge runs
 * @param clearedRetention  how long a CLEARED alarm is remembered after its ChangedAt (bounds late-message protection)
 * @param purgeInterval     how often (wall clock) expired CLEARED alarms are purged
 * @param maxAlarmsPerUser  alarms kept per user (bounds the size of one store value)
 * @param maxIdLength       longest UserID or AlarmID accepted, in characters
 * @param scheduleCheckInterval how often (wall clock) scheduled digests are looked for
 */
public record DigestConfig(String statusTopic, String requestTopic, String digestTopic, String deadLetterTopic,
                           String alertsTopic, boolean bridgeEnabled, Duration clearedRetention, Duration purgeInterval,
                           int maxAlarmsPerUser, int maxIdLength, Duration scheduleCheckInterval) {

    public static final String PREFIX = "alertstream.digest.";

    /** The same settings without the alerts bridge (the full application routes owners to digests itself). */
    public DigestConfig withoutAlertsBridge() {
        return new DigestConfig(statusTopic, requestTopic, digestTopic, deadLetterTopic, alertsTopic, false, clearedRetention,
                purgeInterval, maxAlarmsPerUser, maxIdLength, scheduleCheckInterval);
    }

    public static final String STATUS_TOPIC_CONFIG = PREFIX + "topic.status-changed";
    public static final String STATUS_TOPIC_DEFAULT = "alarm-status-changed";
    static final String STATUS_TOPIC_DOC = "Topic of AlarmStatusChanged JSON messages (any key). The alerts bridge writes here too.";

    public static final String REQUEST_TOPIC_CONFIG = PREFIX + "topic.send-digest";
    public static final String REQUEST_TOPIC_DEFAULT = "send-alarm-digest";
    static final String REQUEST_TOPIC_DOC = "Topic of SendAlarmDigest JSON messages (any key); each one yields exactly one digest.";

    public static final String DIGEST_TOPIC_CONFIG = PREFIX + "topic.digest";
    public static final String DIGEST_TOPIC_DEFAULT = "alarm-digest";
    static final String DIGEST_TOPIC_DOC = "Output topic of AlarmDigest JSON messages, keyed by UserID.";

    public static final String DEAD_LETTER_TOPIC_CONFIG = PREFIX + "topic.dead-letter";
    public static final String DEAD_LETTER_TOPIC_DEFAULT = "alarm-status-changed.dlq";
    static final String DEAD_LETTER_TOPIC_DOC = "Malformed digest inputs and alerts, with original key and value and "
            + "the reason and origin in alertstream.error.* / alertstream.source.* headers.";

    public static final String ALERTS_TOPIC_CONFIG = PREFIX + "topic.alerts";
    public static final String ALERTS_TOPIC_DEFAULT = "alerts";
    static final String ALERTS_TOPIC_DOC = "Alerts topic read by the bridge. When unset, alertstream.topic.alerts is used, "
            + "then '" + ALERTS_TOPIC_DEFAULT + "'.";

    public static final String BRIDGE_ENABLED_CONFIG = PREFIX + "bridge.enabled";
    public static final boolean BRIDGE_ENABLED_DEFAULT = true;
    static final String BRIDGE_ENABLED_DOC = "Turn alerts into AlarmStatusChanged messages, one per owner, when the digest "
            + "sub-topology runs on its own; the full application always routes owners to digests through the notification router.";

    public static final String CLEARED_RETENTION_CONFIG = PREFIX + "cleared.retention";
    public static final String CLEARED_RETENTION_DEFAULT = "7d";
    static final String CLEARED_RETENTION_DOC = "How long after its ChangedAt a CLEARED alarm is remembered. A message "
            + "older than a forgotten CLEARED is taken as new, so this is the longest delay against which reordering is harmless.";

    public static final String PURGE_INTERVAL_CONFIG = PREFIX + "purge.interval";
    public static final String PURGE_INTERVAL_DEFAULT = "5m";
    static final String PURGE_INTERVAL_DOC = "How often (wall-clock time) CLEARED alarms past their retention are purged.";

    public static final String MAX_ALARMS_PER_USER_CONFIG = PREFIX + "max.alarms.per.user";
    public static final int MAX_ALARMS_PER_USER_DEFAULT = 1000;
    static final String MAX_ALARMS_PER_USER_DOC = "Alarms kept per user. At the limit the oldest CLEARED alarm is forgotten "
            + "early; with none, the new alarm goes to the dead-letter topic. Keeps one store value (and its changelog "
            + "record) well under the 1 MB message limit.";

    public static final String MAX_ID_LENGTH_CONFIG = PREFIX + "max.id.length";
    public static final int MAX_ID_LENGTH_DEFAULT = 256;
    static final String MAX_ID_LENGTH_DOC = "Longest UserID or AlarmID accepted, in characters; longer ones go to the dead-letter topic.";

    public static final String SCHEDULE_CHECK_INTERVAL_CONFIG = PREFIX + "schedule.check.interval";
    public static final String SCHEDULE_CHECK_INTERVAL_DEFAULT = "5s";
    static final String SCHEDULE_CHECK_INTERVAL_DOC = "How often (wall-clock time) each task looks for receivers of the "
            + "routing file whose digest_interval slot has passed; scheduled digests are late by up to this much.";

    private static final String GROUP_TOPICS = "Digest topics";
    private static final String GROUP_STATE = "Digest state";

    /** Every key, with type, default, validator and documentation. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STATUS_TOPIC_CONFIG, Type.STRING, STATUS_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, STATUS_TOPIC_DOC, GROUP_TOPICS, 1, ConfigDef.Width.MEDIUM, "Status-changed topic")
            .define(REQUEST_TOPIC_CONFIG, Type.STRING, REQUEST_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, REQUEST_TOPIC_DOC, GROUP_TOPICS, 2, ConfigDef.Width.MEDIUM, "Digest request topic")
            .define(DIGEST_TOPIC_CONFIG, Type.STRING, DIGEST_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, DIGEST_TOPIC_DOC, GROUP_TOPICS, 3, ConfigDef.Width.MEDIUM, "Digest topic")
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, DEAD_LETTER_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC, GROUP_TOPICS, 4, ConfigDef.Width.MEDIUM, "Dead-letter topic")
            .define(ALERTS_TOPIC_CONFIG, Type.STRING, ALERTS_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, ALERTS_TOPIC_DOC, GROUP_TOPICS, 5, ConfigDef.Width.MEDIUM, "Alerts topic")
            .define(BRIDGE_ENABLED_CONFIG, Type.BOOLEAN, BRIDGE_ENABLED_DEFAULT,
                    Importance.MEDIUM, BRIDGE_ENABLED_DOC, GROUP_TOPICS, 6, ConfigDef.Width.SHORT, "Alerts bridge")
            .define(CLEARED_RETENTION_CONFIG, Type.STRING, CLEARED_RETENTION_DEFAULT, Durations.positiveValidator(),
                    Importance.MEDIUM, CLEARED_RETENTION_DOC, GROUP_STATE, 1, ConfigDef.Width.SHORT, "CLEARED retention")
            .define(PURGE_INTERVAL_CONFIG, Type.STRING, PURGE_INTERVAL_DEFAULT, Durations.positiveValidator(),
                    Importance.LOW, PURGE_INTERVAL_DOC, GROUP_STATE, 2, ConfigDef.Width.SHORT, "Purge interval")
            .define(MAX_ALARMS_PER_USER_CONFIG, Type.INT, MAX_ALARMS_PER_USER_DEFAULT, ConfigDef.Range.atLeast(1),
                    Importance.LOW, MAX_ALARMS_PER_USER_DOC, GROUP_STATE, 3, ConfigDef.Width.SHORT, "Alarms per user")
            .define(MAX_ID_LENGTH_CONFIG, Type.INT, MAX_ID_LENGTH_DEFAULT, ConfigDef.Range.between(1, 65_536),
                    Importance.LOW, MAX_ID_LENGTH_DOC, GROUP_STATE, 4, ConfigDef.Width.SHORT, "Longest id")
            .define(SCHEDULE_CHECK_INTERVAL_CONFIG, Type.STRING, SCHEDULE_CHECK_INTERVAL_DEFAULT, Durations.positiveValidator(),
                    Importance.LOW, SCHEDULE_CHECK_INTERVAL_DOC, GROUP_STATE, 5, ConfigDef.Width.SHORT, "Schedule check interval");

    public DigestConfig {
        List<String> topics = List.of(statusTopic, requestTopic, digestTopic, deadLetterTopic);
        if (topics.stream().distinct().count() != topics.size()) {
            throw new ConfigException("the digest topics must differ: " + STATUS_TOPIC_CONFIG + "=" + statusTopic + ", "
                    + REQUEST_TOPIC_CONFIG + "=" + requestTopic + ", " + DIGEST_TOPIC_CONFIG + "=" + digestTopic + ", "
                    + DEAD_LETTER_TOPIC_CONFIG + "=" + deadLetterTopic);
        }
        if (bridgeEnabled && topics.contains(alertsTopic)) {
            throw new ConfigException(ALERTS_TOPIC_CONFIG, alertsTopic, "the alerts topic must differ from the digest topics");
        }
        if (clearedRetention.isNegative() || clearedRetention.isZero()) {
            throw new ConfigException(CLEARED_RETENTION_CONFIG, clearedRetention, "must be positive");
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new ConfigException(PURGE_INTERVAL_CONFIG, purgeInterval, "must be positive");
        }
    }

    public static DigestConfig defaults() {
        return from(new Properties());
    }

    /** Reads the {@code alertstream.digest.*} keys; throws {@link ConfigException} naming the bad key. */
    public static DigestConfig from(Properties properties) {
        Map<Object, Object> raw = new HashMap<>(properties);
        Object sharedAlerts = properties.getProperty("alertstream.topic.alerts");
        if (!raw.containsKey(ALERTS_TOPIC_CONFIG) && sharedAlerts != null) {
            raw.put(ALERTS_TOPIC_CONFIG, sharedAlerts);
        }
        Map<String, Object> v = CONFIG_DEF.parse(raw);
        return new DigestConfig((String) v.get(STATUS_TOPIC_CONFIG), (String) v.get(REQUEST_TOPIC_CONFIG),
                (String) v.get(DIGEST_TOPIC_CONFIG), (String) v.get(DEAD_LETTER_TOPIC_CONFIG), (String) v.get(ALERTS_TOPIC_CONFIG),
                (Boolean) v.get(BRIDGE_ENABLED_CONFIG), Durations.parse((String) v.get(CLEARED_RETENTION_CONFIG)),
                Durations.parse((String) v.get(PURGE_INTERVAL_CONFIG)), (Integer) v.get(MAX_ALARMS_PER_USER_CONFIG),
                (Integer) v.get(MAX_ID_LENGTH_CONFIG), Durations.parse((String) v.get(SCHEDULE_CHECK_INTERVAL_CONFIG)));
    }
}
