package io.alertstream.api.ingest;

import io.alertstream.api.auth.Caller;
import io.alertstream.api.auth.TokenAuthenticator;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.processors.EventAdmission;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * {@code POST /v1/events} (API token or login token): one JSON object or an array of them. Each item
 * is checked by {@link EventAdmission}, the engine's own check, so nothing accepted here is
 * dead-lettered there; accepted items go to the events topic with headers {@code alertstream.owner}
 * (the caller) and {@code alertstream.source=api}, and the answer waits for the brokers' acks.
 *
 * <p>Answers: 200 {@code {accepted, rejected[]}} when at least one item was accepted and acknowledged;
 * 400 problem with the same fields when all were rejected; 413 beyond {@code ingest.max.bytes} or
 * {@code ingest.max.items}; 429 when the producer's buffer is full; 503 when the brokers did not
 * acknowledge within {@code ingest.timeout}. Never 200 for an event not acknowledged.
 */
public final class IngestEndpoints implements Endpoints {
    public static final String OWNER_HEADER = "alertstream.owner";
    public static final String SOURCE_HEADER = "alertstream.source";
    private final TokenAuthenticator auth;
    private final EventSender sender;
    private final AlertTopologyConfig engine;
    private final int maxItems;
    private final int maxBytes;
    private final Clock clock;

    public IngestEndpoints(TokenAuthenticator auth, EventSender sender, AlertTopologyConfig engine, int maxItems, int maxBytes, Clock clock) {
        this.auth = auth;
        this.sender = sender;
        this.engine = engine;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/v1/events", this::ingest);
    }

    record Rejected(int index, String reason, String detail) {
    }

    void ingest(Context ctx) {
        Caller caller = auth.caller(ctx);
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw tooLarge();
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        List<byte[]> items = IngestBody.items(body, maxItems);
        long now = clock.millis();
        List<ProducerRecord<byte[], byte[]>> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            EventAdmission.Verdict v = EventAdmission.check(items.get(i), engine, now, now);
            if (v.accepted()) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(OWNER_HEADER, caller.principal().user().getBytes(StandardCharsets.UTF_8));
                headers.add(SOURCE_HEADER, "api".getBytes(StandardCharsets.UTF_8));
                accepted.add(new ProducerRecord<>("", null, now, null, items.get(i), headers));
            } else {
                rejected.add(new Rejected(i, v.reason(), v.message()));
            }
        }
        if (accepted.isEmpty()) {
            Map<String, Object> out = new LinkedHashMap<>();
            Problem p = Problem.of(400, "events-rejected", "Bad request", "None of the " + items.size()
                    + " events can be processed; see 'rejected' for why each was refused");
            out.put("type", p.type());
            out.put("title", p.title());
            out.put("status", p.status());
            out.put("detail", p.detail());
            out.put("accepted", 0);
            out.put("rejected", rejected);
            ctx.status(400).json(out).contentType(Problem.CONTENT_TYPE);
            return;
        }
        switch (sender.send(accepted)) {
            case ACKNOWLEDGED -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("accepted", accepted.size());
                out.put("rejected", rejected);
                ctx.json(out);
            }
            case BUFFER_FULL -> throw new ProblemException(Problem.of(429, "ingest-busy", "Too many requests",
                    "This instance's buffer towards Kafka is full; some events of this request may have been written, "
                            + "none is confirmed; retry the request shortly"), Map.of("Retry-After", "1"));
            case UNAVAILABLE -> throw new ProblemException(Problem.of(503, "kafka-unavailable", "Service unavailable",
                    "Kafka did not acknowledge the events within alertstream.api.ingest.timeout; some may have been written, "
                            + "none is confirmed; retry the request later"), Map.of("Retry-After", "5"));
            default -> throw new IllegalStateException();
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(Problem.of(413, "too-large", "Content too large",
                "The body exceeds " + maxBytes + " bytes (alertstream.api.ingest.max.bytes); split the batch"));
    }
}
