package io.alertstream.connectors.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.notification.ReceivedNotification;
import io.alertstream.connectors.notification.NotificationVariables;
import io.alertstream.template.Escaper;
import io.alertstream.template.Template;

/**
 * Builds a Slack-compatible message (incoming webhooks, and Mattermost/Rocket.Chat which accept the same
 * shape) from a notification: {@code text} (the fallback shown in notifications, one line per alert) and
 * {@code blocks} (a header section plus one mrkdwn section per alert, with its link).
 *
 * <p>Values are escaped for Slack ({@link Escaper#SLACK_MRKDWN}), so an alert summary cannot inject mentions or links.
 */
public final class SlackPayload {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Slack drops messages with more than 50 blocks. */
    static final int MAX_ALERT_BLOCKS = 45;

    private SlackPayload() {
    }

    public static ObjectNode build(ReceivedNotification notification, Template linkTemplate) {
        String header = "*" + escape(notification.kind().isEmpty() ? "notification" : notification.kind()) + "* for "
                + escape(notification.receiver()) + ": " + notification.alerts().size() + " alert(s)"
                + (notification.groupKey().isEmpty() ? "" : " (" + escape(notification.groupKey()) + ")");
        StringBuilder text = new StringBuilder(header);
        ArrayNode blocks = JSON.arrayNode();
        blocks.add(section(header));
        int index = 0;
        for (ObjectNode alert : notification.alerts()) {
            String line = alertLine(alert);
            text.append('\n').append(line);
            if (index++ < MAX_ALERT_BLOCKS) {
                String link = NotificationVariables.link(alert, linkTemplate);
                blocks.add(section(line + detail(alert) + (link.isEmpty() ? "" : "\n<" + link + "|Open>")));
            }
        }
        if (notification.alerts().size() > MAX_ALERT_BLOCKS) {
            blocks.add(section("... and " + (notification.alerts().size() - MAX_ALERT_BLOCKS) + " more"));
        }
        ObjectNode payload = JSON.objectNode();
        payload.put("text", text.toString());
        payload.set("blocks", blocks);
        return payload;
    }

    private static String alertLine(ObjectNode alert) {
        return "[" + escape(NotificationVariables.alertField(alert, "level")) + "] "
                + escape(NotificationVariables.alertField(alert, "summary"));
    }

    private static String detail(ObjectNode alert) {
        return "\nstatus " + escape(NotificationVariables.alertField(alert, "status"))
                + ", value " + escape(NotificationVariables.alertField(alert, "value"))
                + ", threshold " + escape(NotificationVariables.alertField(alert, "threshold"))
                + ", window " + escape(NotificationVariables.alertField(alert, "window.start"))
                + " .. " + escape(NotificationVariables.alertField(alert, "window.end"));
    }

    private static ObjectNode section(String markdown) {
        ObjectNode text = JSON.objectNode().put("type", "mrkdwn").put("text", markdown);
        ObjectNode section = JSON.objectNode().put("type", "section");
        section.set("text", text);
        return section;
    }

    private static String escape(String text) {
        return Escaper.SLACK_MRKDWN.escape(text);
    }
}
