package io.alertstream.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Delivers batches to the alertstream HTTP API: {@code POST {baseUrl}/v1/events} with
 * {@code Authorization: Bearer <token>} and the batch as one JSON array.
 *
 * <p>Answers ({@link HttpAnswers} reads the bodies leniently):
 * <ul>
 *   <li>2xx: delivered; item rejections in the body ({@code {"accepted":n,"rejected":[{"index":i,"reason":..,"detail":..}]}})
 *       become a {@link PermanentFailure} naming them;</li>
 *   <li>400: nothing accepted: each event rejected with the body's reason for it, else as {@code bad_request};</li>
 *   <li>401, 403: every event rejected as {@code unauthorized} (a wrong token will not heal by retrying; the client keeps running);</li>
 *   <li>413: the batch is split in halves, each sent on its own (one event alone too large: rejected as {@code too_large});</li>
 *   <li>429 and 5xx: transient, after {@code Retry-After} when given; connection refused or timeout: transient;</li>
 *   <li>any other status: every event rejected as {@code http_<status>}.</li>
 * </ul>
 */
public final class HttpTransport implements Transport {
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;

    public HttpTransport(URI baseUrl, String token, Duration timeout) {
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/events");
        this.authorization = "Bearer " + token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void deliver(List<byte[]> events) throws TransientFailure, PermanentFailure {
        List<Rejection> rejected = new ArrayList<>();
        Set<Integer> delivered = new HashSet<>();
        post(events, 0, delivered, rejected);
        if (!rejected.isEmpty()) {
            throw new PermanentFailure(rejected.size() + " event(s) rejected by " + endpoint, rejected);
        }
    }

    /**
     * Posts {@code events} (starting at {@code offset} in the caller's batch), adding what was delivered
     * and rejected; a transient failure carries what earlier halves of a split got through.
     */
    private void post(List<byte[]> events, int offset, Set<Integer> delivered, List<Rejection> rejected) throws TransientFailure {
        HttpResponse<String> response;
        try {
            response = http.send(request(events), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientFailure("POST " + endpoint + ": " + e, e, null, delivered, rejected);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted during POST " + endpoint, e, null, delivered, rejected);
        }
        int status = response.statusCode();
        String body = response.body();
        if (status / 100 == 2) {
            List<Rejection> items = HttpAnswers.rejections(body, events.size());
            Set<Integer> refused = new HashSet<>();
            for (Rejection r : items) {
                refused.add(r.index());
                rejected.add(new Rejection(offset + r.index(), r.reason(), r.detail()));
            }
            for (int i = 0; i < events.size(); i++) {
                if (!refused.contains(i)) {
                    delivered.add(offset + i);
                }
            }
        } else if (status == 413 && events.size() > 1) {
            int half = events.size() / 2;
            post(events.subList(0, half), offset, delivered, rejected);
            post(events.subList(half, events.size()), offset + half, delivered, rejected);
        } else if (status == 429 || status / 100 == 5) {
            throw new TransientFailure("POST " + endpoint + " answered " + status, null,
                    HttpAnswers.retryAfter(response.headers().firstValue("Retry-After").orElse(null)), delivered, rejected);
        } else {
            // Nothing of this batch was accepted: the body's item reasons where it gives them (400), the status for the rest.
            List<Rejection> items = status == 400 ? HttpAnswers.rejections(body, events.size()) : List.of();
            String reason = switch (status) {
                case 400 -> "bad_request";
                case 401, 403 -> "unauthorized";
                case 413 -> "too_large";
                default -> "http_" + status;
            };
            String detail = HttpAnswers.detail(status, body);
            for (int i = 0; i < events.size(); i++) {
                int index = i;
                Rejection r = items.stream().filter(item -> item.index() == index).findFirst()
                        .orElseGet(() -> new Rejection(index, reason, detail));
                rejected.add(new Rejection(offset + index, r.reason(), r.detail()));
            }
        }
    }

    private HttpRequest request(List<byte[]> events) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(events.get(i));
        }
        body.write(']');
        return HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }
}
