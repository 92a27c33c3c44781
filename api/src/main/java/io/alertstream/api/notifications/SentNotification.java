package io.alertstream.api.notifications;

import java.util.List;

/**
 * One notification that named an alert, as {@code GET /v1/alerts/{key}/notifications} shows it (public API): what the
 * engine wrote to its {@code notifications} topic, reduced to what a reader asks ("was it told, when, to whom").
 *
 * @param id         the notification's id (one per message and channel; a replay carries the same)
 * @param at         when the engine made it ({@code createdAt})
 * @param receiver   the routing file's receiver (or a rule's {@code email:...} recipients, or a digest's user)
 * @param channel    {@code email} or {@code webhook}
 * @param kind       {@code firing}, {@code resolved}, {@code repeat}, {@code digest}, or a silence notice
 * @param recipients the email addresses it goes to ({@code to}, {@code cc}, {@code bcc}); for a webhook the host it is
 *                   posted to (not the whole URL: a webhook URL often carries a secret)
 * @param status     the alert's status as the notification told it ({@code FIRING} or {@code RESOLVED})
 * @param level      the alert's level as told (null when resolved)
 * @param flapping   whether this was the engine's flapping notice of the alert
 */
public record SentNotification(String id, String at, String receiver, String channel, String kind, List<String> recipients,
                               String status, String level, boolean flapping) {
    public SentNotification {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
