package io.alertstream.topology.notify;

import io.alertstream.topology.sourcefile.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the notification sub-topology ({@code alertstream.notify.*} keys), parsed once through the
 * documented {@link #CONFIG_DEF}; other keys in the same properties are ignored.
 *
 * @param routingTopic       compacted topic holding the routing file (published by {@code rules apply} and the watcher)
 * @param notificationsTopic output: one record per notification and channel, for the email and webhook sinks
 * @param alertsTopic        the alerts to route (follows {@code alertstream.topic.alerts})
 * @param checkInterval      how often (wall clock) groups whose wait is over are flushed
 * @param maxAlertsPerGroup  alerts kept per notification group (bounds one store value and one notification)
 * @param deadLetterTopic    where alerts the router cannot read go, with the reason in headers
 * @param maxAlertsPerNotification alerts listed in one notification; the rest are counted in {@code omittedAlerts}
 * @param silencesTopic      compacted topic of the silences, keyed by id (written by the API, {@code rules apply} and the engine)
 * @param firingTopic        compacted internal topic of the firing alerts' match labels, keyed by alert key (written by the
 *                           notification router, read back as a global store for inhibition and until-resolved silences)
 * @param maxGroupBytes      serialized bytes of alerts one group (hence one notification) may hold: keeps the
 *                           {@code notify-groups} changelog value and the notification record under 1 MiB
 * @param acksTopic          compacted topic of alert acknowledgements keyed by alert key (written by the API's
 *                           {@code POST /v1/alerts/{key}/ack}); they stop pending escalations
 */
public record NotifyConfig(String routingTopic, String notificationsTopic, String alertsTopic, Duration checkInterval,
                           int maxAlertsPerGroup, String deadLetterTopic, int maxAlertsPerNotification, int maxGroupBytes,
                           String acksTopic, String silencesTopic, String firingTopic) {

    /** The settings before acknowledgements, silences and inhibition existed, with their topics' defaults. */
    public NotifyConfig(String routingTopic, String notificationsTopic, String alertsTopic, Duration checkInterval,
                        int maxAlertsPerGroup, String deadLetterTopic, int maxAlertsPerNotification, int maxGroupBytes) {
        this(routingTopic, notificationsTopic, alertsTopic, checkInterval, maxAlertsPerGroup, deadLetterTopic,
                maxAlertsPerNotification, maxGroupBytes, ACKS_TOPIC_DEFAULT, SILENCES_TOPIC_DEFAULT, FIRING_TOPIC_DEFAULT);
    }

    /** The settings before dead letters and byte bounds existed, with their defaults (for tests and callers). */
    public NotifyConfig(String routingTopic, String notificationsTopic, String alertsTopic, Duration checkInterval,
                        int maxAlertsPerGroup) {
        this(routingTopic, notificationsTopic, alertsTopic, checkInterval, maxAlertsPerGroup, DEAD_LETTER_TOPIC_DEFAULT,
                MAX_ALERTS_PER_NOTIFICATION_DEFAULT, MAX_GROUP_BYTES_DEFAULT);
    }
    public static final String PREFIX = "alertstream.notify.";

    public static final String ROUTING_TOPIC_CONFIG = PREFIX + "topic.routing";
    static final String ROUTING_TOPIC_DOC = "Compacted topic of the routing file (key 'routing', value its YAML). "
            + "'rules apply' and the rules directory watcher publish it.";
    public static final String NOTIFICATIONS_TOPIC_CONFIG = PREFIX + "topic.notifications";
    static final String NOTIFICATIONS_TOPIC_DOC = "Output topic of notifications (key the notification id, JSON value), "
            + "read by the email and webhook sink connectors.";
    public static final String ALERTS_TOPIC_CONFIG = PREFIX + "topic.alerts";
    static final String ALERTS_TOPIC_DOC = "Alerts to route. When unset, alertstream.topic.alerts is used, then 'alerts'.";
    public static final String CHECK_INTERVAL_CONFIG = PREFIX + "check.interval";
    static final String CHECK_INTERVAL_DOC = "How often (wall-clock time) groups whose group_wait, group_interval or "
            + "repeat_interval is over are flushed; notifications are late by up to this much.";
    public static final String MAX_ALERTS_PER_GROUP_CONFIG = PREFIX + "max.alerts.per.group";
    static final String MAX_ALERTS_PER_GROUP_DOC = "Alerts kept in one notification group. Beyond it, new alerts of the "
            + "group are not listed (counted in the group's omittedAlerts while they fire, in notify-dropped-total, and logged); "
            + "narrow group_by to split the group.";

    public static final String DEAD_LETTER_TOPIC_CONFIG = PREFIX + "topic.dead-letter";
    static final String DEAD_LETTER_TOPIC_DOC = "Where alerts the notification router cannot read go (original key and "
            + "value; reason, source topic, partition and offset in alertstream.error.* and alertstream.source.* headers). "
            + "When unset, alertstream.topic.dead-letter is used, then 'events.dlq', so no extra topic is needed.";
    static final String DEAD_LETTER_TOPIC_DEFAULT = "events.dlq";
    public static final String MAX_ALERTS_PER_NOTIFICATION_CONFIG = PREFIX + "max.alerts.per.notification";
    static final String MAX_ALERTS_PER_NOTIFICATION_DOC = "Alerts listed in one notification; the group's others are "
            + "counted in its 'omittedAlerts' field (\"+N more\") and in notify-truncated-total.";
    static final int MAX_ALERTS_PER_NOTIFICATION_DEFAULT = 100;
    public static final String MAX_GROUP_BYTES_CONFIG = PREFIX + "max.group.bytes";
    static final String MAX_GROUP_BYTES_DOC = "Serialized bytes of alerts one notification group may hold. Beyond it, new "
            + "alerts of the group are not listed (counted in the group's omittedAlerts while they fire, in notify-dropped-total, "
            + "and logged). Keeps the notify-groups "
            + "changelog record and the notification under the broker's 1 MiB default message size.";
    static final int MAX_GROUP_BYTES_DEFAULT = 512 * 1024;
    public static final String ACKS_TOPIC_CONFIG = PREFIX + "topic.acks";
    static final String ACKS_TOPIC_DOC = "Compacted topic of alert acknowledgements, keyed by alert key (the API's "
            + "POST /v1/alerts/{key}/ack writes it; created with the alerts topic's partition count). An acknowledgement "
            + "stops the pending escalations of the firing episode it names. When unset, alertstream.topic.acks is used, then 'acks'.";
    static final String ACKS_TOPIC_DEFAULT = "acks";

    public static final String SILENCES_TOPIC_CONFIG = PREFIX + "topic.silences";
    static final String SILENCES_TOPIC_DOC = "Compacted topic of the silences (key the silence id, JSON value). Written by "
            + "POST/DELETE /v1/silences, by 'rules apply' and the watcher from silences.yaml, and by the engine when an "
            + "'until: resolved' silence ends.";
    static final String SILENCES_TOPIC_DEFAULT = "silences";
    public static final String FIRING_TOPIC_CONFIG = PREFIX + "topic.firing";
    static final String FIRING_TOPIC_DOC = "Compacted topic of the firing alerts' labels (key the alert key; a tombstone when "
            + "it resolves), written by the notification router and read back by every instance as a global store: the view "
            + "inhibit rules and 'until: resolved' silences need across partitions.";
    static final String FIRING_TOPIC_DEFAULT = "notify-firing";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ROUTING_TOPIC_CONFIG, Type.STRING, "routing", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, ROUTING_TOPIC_DOC)
            .define(NOTIFICATIONS_TOPIC_CONFIG, Type.STRING, "notifications", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, NOTIFICATIONS_TOPIC_DOC)
            .define(ALERTS_TOPIC_CONFIG, Type.STRING, "alerts", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, ALERTS_TOPIC_DOC)
            .define(CHECK_INTERVAL_CONFIG, Type.STRING, "1s", Durations.positiveValidator(), Importance.LOW, CHECK_INTERVAL_DOC)
            .define(MAX_ALERTS_PER_GROUP_CONFIG, Type.INT, 500, ConfigDef.Range.between(1, 5_000), Importance.LOW,
                    MAX_ALERTS_PER_GROUP_DOC)
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, DEAD_LETTER_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC)
            .define(MAX_ALERTS_PER_NOTIFICATION_CONFIG, Type.INT, MAX_ALERTS_PER_NOTIFICATION_DEFAULT, ConfigDef.Range.between(1, 5_000),
                    Importance.LOW, MAX_ALERTS_PER_NOTIFICATION_DOC)
            .define(MAX_GROUP_BYTES_CONFIG, Type.INT, MAX_GROUP_BYTES_DEFAULT, ConfigDef.Range.between(64 * 1024, 16 * 1024 * 1024),
                    Importance.LOW, MAX_GROUP_BYTES_DOC)
            .define(ACKS_TOPIC_CONFIG, Type.STRING, ACKS_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, ACKS_TOPIC_DOC)
            .define(SILENCES_TOPIC_CONFIG, Type.STRING, SILENCES_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, SILENCES_TOPIC_DOC)
            .define(FIRING_TOPIC_CONFIG, Type.STRING, FIRING_TOPIC_DEFAULT, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.LOW, FIRING_TOPIC_DOC);

    public static NotifyConfig defaults() {
        return from(new Properties());
    }

    /** Reads the {@code alertstream.notify.*} keys; throws {@link ConfigException} naming the bad key. */
    public static NotifyConfig from(Properties properties) {
        Map<Object, Object> raw = new HashMap<>(properties);
        String sharedAlerts = properties.getProperty("alertstream.topic.alerts");
        if (!raw.containsKey(ALERTS_TOPIC_CONFIG) && sharedAlerts != null) {
            raw.put(ALERTS_TOPIC_CONFIG, sharedAlerts);
        }
        String sharedDeadLetters = properties.getProperty("alertstream.topic.dead-letter");
        if (!raw.containsKey(DEAD_LETTER_TOPIC_CONFIG) && sharedDeadLetters != null) {
            raw.put(DEAD_LETTER_TOPIC_CONFIG, sharedDeadLetters);
        }
        String sharedAcks = properties.getProperty("alertstream.topic.acks");
        if (!raw.containsKey(ACKS_TOPIC_CONFIG) && sharedAcks != null) {
            raw.put(ACKS_TOPIC_CONFIG, sharedAcks);
        }
        Map<String, Object> v = CONFIG_DEF.parse(raw);
        return new NotifyConfig((String) v.get(ROUTING_TOPIC_CONFIG), (String) v.get(NOTIFICATIONS_TOPIC_CONFIG),
                (String) v.get(ALERTS_TOPIC_CONFIG), Durations.parse((String) v.get(CHECK_INTERVAL_CONFIG)),
                (Integer) v.get(MAX_ALERTS_PER_GROUP_CONFIG), (String) v.get(DEAD_LETTER_TOPIC_CONFIG),
                (Integer) v.get(MAX_ALERTS_PER_NOTIFICATION_CONFIG), (Integer) v.get(MAX_GROUP_BYTES_CONFIG),
                (String) v.get(ACKS_TOPIC_CONFIG), (String) v.get(SILENCES_TOPIC_CONFIG), (String) v.get(FIRING_TOPIC_CONFIG));
    }
}
