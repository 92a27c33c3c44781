/**
 * What the email and webhook sinks share: the {@code notifications} record ({@link
 * io.alertstream.connectors.notification.ReceivedNotification}), the per-receiver delivery loop ({@link
 * io.alertstream.connectors.notification.NotificationSinkTask} with its {@link
 * io.alertstream.connectors.notification.ReceiverLanes}), its "Delivery" config group, and the
 * {@code {{placeholder}}} templates with the variables they can name. Channel-specific code (SMTP, HTTP, Slack
 * payloads) stays in the {@code email} and {@code webhook} packages.
 */
package io.alertstream.connectors.notification;
