package io.alertstream.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.MalformedRecordHandler;
import io.alertstream.connectors.notification.DeliveryOutcome;
import io.alertstream.connectors.notification.ReceivedNotification;
import io.alertstream.connectors.notification.NotificationSinkTask;
import io.alertstream.template.Template;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs {@code channel: webhook} notifications to the URL each one names, through a {@link WebhookSender}.
 *
 * <p>Input: notification records with {@code webhook: {url, format, timeoutMs}}. Output: one POST per
 * notification with {@code Idempotency-Key: <id>}, body the notification ({@code json}) or a
 * {@link SlackPayload} ({@code slack}). Connection errors, timeouts, 408, 429 and 5xx are retried
 * (see {@link NotificationSinkTask}); other 4xx, and a URL missing or outside
 * {@code webhook.allowed.url.prefixes}, go to the errant-record reporter.
 */
public class WebhookSinkTask extends NotificationSinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSinkTask.class);

    private final Function<WebhookSinkConnectorConfig, WebhookSender> senderFactory;
    private WebhookSender sender;
    private UrlAllowList allowList;
    private UrlAllowList authorizedUrls;
    private Optional<Password> authorization;
    private WebhookFormat defaultFormat;
    private Duration defaultTimeout;
    private Template linkTemplate;

    public WebhookSinkTask() {
        this(JdkHttpWebhookSender::new);
    }

    /** For tests: a sender of the test's choosing. */
    WebhookSinkTask(Function<WebhookSinkConnectorConfig, WebhookSender> senderFactory) {
        this.senderFactory = senderFactory;
    }

    /** For tests: a sender and a clock (backoff, maximum delivery age) of the test's choosing. */
    WebhookSinkTask(Function<WebhookSinkConnectorConfig, WebhookSender> senderFactory, LongSupplier clock) {
        super(clock);
        this.senderFactory = senderFactory;
    }

    @Override
    protected String channel() {
        return ReceivedNotification.CHANNEL_WEBHOOK;
    }

    @Override
    protected String behaviorConfigKey() {
        return WebhookSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;
    }

    @Override
    protected Setup startDelivery(Map<String, String> props) {
        WebhookSinkConnectorConfig config = new WebhookSinkConnectorConfig(props);
        allowList = config.allowList();
        authorizedUrls = config.authorizedUrls();
        authorization = config.authorizationHeader();
        defaultFormat = config.defaultFormat();
        defaultTimeout = config.timeout();
        linkTemplate = config.linkTemplate();
        sender = senderFactory.apply(config);
        LOG.info("Webhook sink started (default format {}, timeout {} ms, {} allowed URL prefix(es))",
                defaultFormat, defaultTimeout.toMillis(), config.allowedUrlPrefixes().size());
        return new Setup(config.delivery(), MalformedRecordHandler.forTask(context, config.behaviorOnMalformed(),
                behaviorConfigKey()));
    }

    @Override
    protected DeliveryOutcome deliverOnce(SinkRecord record, ReceivedNotification notification) {
        WebhookRequest request = request(record, notification);
        try {
            return WebhookResponses.classify(sender.post(request), request.describedUrl());
        } catch (IOException e) {
            return DeliveryOutcome.retry(request.describedUrl() + " could not be reached: " + ConfigErrors.maskUserInfo(e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Interrupted while posting notification " + notification.id(), e);
        }
    }

    /** The request for a notification; a {@code MalformedRecordException} when its webhook section is unusable. */
    WebhookRequest request(SinkRecord record, ReceivedNotification notification) {
        JsonNode section = notification.section(ReceivedNotification.CHANNEL_WEBHOOK);
        String prefix = "(notification " + notification.id() + ") ";
        if (section == null || !section.isObject() || !section.path("url").isTextual()) {
            throw ReceivedNotification.malformed(record, prefix + "has channel webhook but no webhook.url", behaviorConfigKey());
        }
        URI url;
        try {
            url = allowList.check(section.get("url").asText());
        } catch (IllegalArgumentException e) {
            throw ReceivedNotification.malformed(record, prefix + e.getMessage(), behaviorConfigKey());
        }
        WebhookFormat format = defaultFormat;
        if (section.hasNonNull("format")) {
            try {
                format = WebhookFormat.parse(section.get("format").asText());
            } catch (IllegalArgumentException e) {
                throw ReceivedNotification.malformed(record, prefix + "has webhook.format '" + section.get("format").asText()
                        + "', expected one of " + WebhookFormat.configValues(), behaviorConfigKey());
            }
        }
        Duration timeout = defaultTimeout;
        JsonNode timeoutMs = section.get("timeoutMs");
        if (timeoutMs != null && !timeoutMs.isNull()) {
            if (!timeoutMs.canConvertToLong() || timeoutMs.asLong() <= 0) {
                throw ReceivedNotification.malformed(record, prefix + "has webhook.timeoutMs '" + timeoutMs
                        + "', expected a positive number of milliseconds", behaviorConfigKey());
            }
            // Only shorter: a record must not hold the task (and every other receiver) longer than configured.
            timeout = Duration.ofMillis(Math.min(timeoutMs.asLong(), defaultTimeout.toMillis()));
        }
        String body = format == WebhookFormat.SLACK
                ? SlackPayload.build(notification, linkTemplate).toString()
                : notification.json().toString();
        // The credentials go only where they are configured for, never to any other allowed URL.
        Optional<Password> auth = authorization.isPresent() && authorizedUrls.matches(url) ? authorization
                : Optional.empty();
        return new WebhookRequest(url, body, notification.id(), timeout, auth);
    }

    @Override
    protected void stopDelivery() {
        if (sender != null) {
            sender.close();
        }
    }
}
