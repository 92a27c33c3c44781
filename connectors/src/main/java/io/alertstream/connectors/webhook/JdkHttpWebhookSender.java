package io.alertstream.connectors.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * {@link WebhookSender} on the JDK {@link HttpClient}: HTTP/1.1, the configured trust store, and
 * redirects NOT followed (a redirect could lead outside {@code webhook.allowed.url.prefixes}; it is
 * answered like any other non-2xx status). The response body is discarded. Header values are made safe by
 * {@link HeaderValues}; the Authorization header is the request's own (see {@link WebhookRequest}).
 */
public final class JdkHttpWebhookSender implements WebhookSender {
    private final HttpClient client;

    public JdkHttpWebhookSender(WebhookSinkConnectorConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout());
        config.sslContext().ifPresent(builder::sslContext);
        this.client = builder.build();
    }

    @Override
    public int post(WebhookRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder http = HttpRequest.newBuilder(request.url())
                .timeout(request.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", HeaderValues.safe(request.idempotencyKey()))
                .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        // Present only for URLs under webhook.auth.url.prefixes (decided by the task).
        request.authorization().ifPresent(value -> http.header("Authorization", value.value()));
        return client.send(http.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        // HttpClient is AutoCloseable only from Java 21; its threads end when it is unreachable.
    }
}
