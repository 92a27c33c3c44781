package io.alertstream.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.api.alerts.LocalAlerts;
import io.alertstream.topology.model.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert history from the indices the Elasticsearch sink writes the {@code alerts} topic to (by default
 * {@code alerts-*}: the sink's {@code {topic}-{yyyy.MM.dd}} pattern, template profile {@code alert}, which maps
 * {@code at} as a date and {@code id}/{@code ruleId} as keywords; document id = transition id).
 *
 * <p>Input: a range of {@code at}, a rule, a visibility predicate and a limit. Output: the oldest {@code limit}
 * visible transitions, read with {@code _search} sorted by {@code at} then {@code id}, paging with
 * {@code search_after} until {@code limit + 1} visible ones are found or the range is exhausted: visibility
 * (owners, recipients, routes) is decided here, not in the query, so that it is the same code as for the
 * store. Missing indices are an empty answer; anything else that stops an answer (refused connection,
 * timeout, an error status) is an {@link ArchiveUnavailableException}. Several URLs are tried in order.
 *
 * <p>One {@code _search} per page with the JDK's HTTP client rather than the elasticsearch-java client: the
 * API already has Jackson, and the typed client adds a REST client, an async HTTP stack and Jackson 3 at
 * run time for a single request shape.
 */
public final class ElasticsearchHistory implements HistoryArchive {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchHistory.class);
    /** Documents per {@code _search}: large enough for few round trips, small enough for a short answer time. */
    static final int PAGE_SIZE = 500;
    private final List<URI> urls;
    private final String index;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json;

    /**
     * @param urls          base URLs, e.g. {@code https://es1:9200}
     * @param index         index name or pattern to search, e.g. {@code alerts-*}
     * @param username      basic-auth user, or empty for none
     * @param password      its password
     * @param sslContext    trust for https URLs, or null for the JVM's default
     */
    public ElasticsearchHistory(List<URI> urls, String index, String username, String password, Duration timeout,
                                SSLContext sslContext, ObjectMapper json) {
        this.urls = List.copyOf(urls);
        this.index = index;
        this.authorization = username == null || username.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.json = json;
    }

    @Override
    public LocalAlerts.HistoryPage range(Instant from, Instant until, String rule, Predicate<Alert> visible, int limit) {
        List<Alert> out = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            JsonNode hits = search(query(from, until, rule, after)).path("hits").path("hits");
            for (JsonNode hit : hits) {
                after = hit.get("sort");
                Alert alert = read(hit.get("_source"));
                if (alert != null && visible.test(alert)) {
                    out.add(alert);
                    if (out.size() > limit) {
                        return new LocalAlerts.HistoryPage(List.copyOf(out.subList(0, limit)), true);
                    }
                }
            }
            if (hits.size() < PAGE_SIZE || after == null) {
                return new LocalAlerts.HistoryPage(List.copyOf(out), false);
            }
        }
    }

    @Override
    public String describe() {
        return "Elasticsearch " + urls + " index " + index;
    }

    ObjectNode query(Instant from, Instant until, String rule, JsonNode after) {
        ObjectNode body = json.createObjectNode();
        body.put("size", PAGE_SIZE);
        body.put("track_total_hits", false);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().put("at", "asc");
        sort.addObject().put("id", "asc");
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject("at")
                .put("gte", from.toEpochMilli()).put("lt", until.toEpochMilli()).put("format", "epoch_millis");
        if (rule != null) {
            filter.addObject().putObject("term").put("ruleId", rule);
        }
        if (after != null) {
            body.set("search_after", after);
        }
        return body;
    }

    private Alert read(JsonNode source) {
        try {
            Alert alert = json.treeToValue(source, Alert.class);
            return alert.id() == null || alert.at() == null ? null : alert;
        } catch (IOException | IllegalArgumentException e) {
            // Not an alert transition (another writer's document in a matching index): not history.
            LOG.debug("Skipped a document of {} that is not an alert transition: {}", index, e.toString());
            return null;
        }
    }

    private JsonNode search(ObjectNode body) {
        String path = "/" + URLEncoder.encode(index, StandardCharsets.UTF_8).replace("%2A", "*").replace("%2C", ",")
                + "/_search?ignore_unavailable=true&allow_no_indices=true";
        Exception last = null;
        for (URI url : urls) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            try {
                HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return json.readTree(r.body());
                }
                // 401/403 (credentials), 429, 5xx: the archive cannot answer; the body may echo the query, not secrets.
                last = new IOException("HTTP " + r.statusCode() + " from " + url + ": " + clip(r.body()));
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ArchiveUnavailableException("interrupted while asking " + describe(), e);
            }
            LOG.warn("Elasticsearch at {} did not answer a history query: {}", url, last.toString());
        }
        throw new ArchiveUnavailableException(describe() + " did not answer: " + last, last);
    }

    private static String clip(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
