package io.alertstream.connectors.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The payload of a webhook call: the notification JSON as is, or a Slack-compatible message. */
public enum WebhookFormat {
    JSON, SLACK;

    public static WebhookFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public static List<String> configValues() {
        return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }
}
