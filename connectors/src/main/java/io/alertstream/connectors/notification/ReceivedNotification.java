package io.alertstream.connectors.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.JsonRecordValues;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.RecordCoordinates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record of the {@code notifications} topic as the sinks receive it (the engine writes it as its own
 * {@code topology.notify.Notification}; this plugin does not depend on the engine, so it reads the JSON).
 *
 * <p>Input: the JSON value {@code {"id","receiver","channel","kind","email":{...}|"webhook":{...},
 * "groupKey","createdAt","alerts":[...]}}. Output: the fields both notification sinks need, plus the
 * whole JSON object ({@link #json}) for sinks that forward it as is. Only {@code id} and {@code channel}
 * are required here; each sink checks the section of its own channel.
 *
 * <p>Shared by the email and webhook sinks, like the rest of this package.
 */
public record ReceivedNotification(String id, String channel, String receiver, String kind, String groupKey,
                                   String createdAt, List<ObjectNode> alerts, ObjectNode json) {

    public static final String CHANNEL_EMAIL = "email";
    public static final String CHANNEL_WEBHOOK = "webhook";

    /**
     * Parses a record value; a value that is not a notification is a {@link MalformedRecordException}
     * naming the record and {@code behaviorConfigKey}.
     */
    public static ReceivedNotification parse(SinkRecord record, String behaviorConfigKey) {
        ObjectNode json = JsonRecordValues.toObject(record, behaviorConfigKey);
        String id = text(json, "id");
        if (id.isEmpty()) {
            throw malformed(record, "has no 'id'", behaviorConfigKey);
        }
        String channel = text(json, "channel").toLowerCase(Locale.ROOT);
        if (channel.isEmpty()) {
            throw malformed(record, "(notification " + id + ") has no 'channel'", behaviorConfigKey);
        }
        List<ObjectNode> alerts = new ArrayList<>();
        JsonNode alertsNode = json.get("alerts");
        if (alertsNode != null && !alertsNode.isNull()) {
            if (!alertsNode.isArray()) {
                throw malformed(record, "(notification " + id + ") has 'alerts' that is not an array", behaviorConfigKey);
            }
            for (JsonNode alert : alertsNode) {
                if (!(alert instanceof ObjectNode object)) {
                    throw malformed(record, "(notification " + id + ") has an alert that is not a JSON object",
                            behaviorConfigKey);
                }
                alerts.add(object);
            }
        }
        return new ReceivedNotification(id, channel, text(json, "receiver"), text(json, "kind"), text(json, "groupKey"),
                text(json, "createdAt"), List.copyOf(alerts), json);
    }

    /** The object of this notification's channel section ({@code email} or {@code webhook}), or null. */
    public JsonNode section(String name) {
        JsonNode node = json.get(name);
        return node == null || node.isNull() ? null : node;
    }

    public static MalformedRecordException malformed(SinkRecord record, String problem, String behaviorConfigKey) {
        return new MalformedRecordException("Notification at " + RecordCoordinates.describe(record) + " " + problem
                + ". Fix the producer, or set " + behaviorConfigKey + " to warn or ignore to skip such records.");
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText().trim();
    }
}
