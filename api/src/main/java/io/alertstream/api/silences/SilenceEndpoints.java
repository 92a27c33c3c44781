package io.alertstream.api.silences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.JsonBodies;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.silence.Silence;
import io.alertstream.topology.silence.SilenceCatalog;
import io.alertstream.topology.silence.SilenceValidator;
import io.alertstream.topology.targets.FieldProblem;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The silences: {@code POST /v1/silences} (201 with the stored silence; the id is 16 random bytes base64url, the
 * creator is the caller and notices go to the caller's address), {@code GET /v1/silences} ({@code {"silences":[...]}},
 * every silence, newest first: they change what everyone is told, so everyone may see them), {@code GET
 * /v1/silences/{id}}, and {@code DELETE /v1/silences/{id}}, which expires it ({@code ends_at} now, {@code ended_by:
 * expired}; 204; its creator or an admin, else 403). Each answer carries {@code status}: {@code pending} (not started),
 * {@code active} or {@code expired}, as the engine's {@link SilenceCatalog} decides; {@code notify_email} is shown to the
 * creator and admins only (null for others). Writes wait until this instance's
 * silences store shows them.
 */
public final class SilenceEndpoints implements Endpoints {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VISIBLE_WAIT = Duration.ofSeconds(10);
    /** What a body may hold; the rest is set by the server. */
    private static final Set<String> FIELDS = Set.of("matchers", "starts_at", "ends_at", "until", "comment");
    private final Authenticator auth;
    private final StreamsAccess streams;
    private final SilenceCatalog catalog;
    private final SilenceWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    public SilenceEndpoints(Authenticator auth, StreamsAccess streams, SilenceCatalog catalog, SilenceWriter writer, ObjectMapper json,
                            Clock clock) {
        this.auth = auth;
        this.streams = streams;
        this.catalog = catalog;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/v1/silences", this::create);
        config.routes.get("/v1/silences", this::list);
        config.routes.get("/v1/silences/{id}", this::get);
        config.routes.delete("/v1/silences/{id}", this::expire);
    }

    void create(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        JsonNode body = JsonBodies.object(ctx, json);
        List<FieldProblem> problems = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add(new FieldProblem(f, "is not a field of a silence request (" + String.join(", ", FIELDS.stream().sorted().toList())
                        + "; id, created_by and created_at are set by the server)"));
            }
        });
        List<String> matchers = new ArrayList<>();
        JsonNode m = body.get("matchers");
        if (m != null && m.isArray()) {
            m.forEach(n -> matchers.add(n.isTextual() ? n.asText() : null));
        } else if (m != null) {
            problems.add(new FieldProblem("matchers", "must be a list such as [\"service=checkout\"]"));
        }
        String now = clock.instant().toString();
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        Silence s = new Silence(id, matchers, text(body, "starts_at", problems) == null ? now : text(body, "starts_at", problems),
                text(body, "ends_at", problems), text(body, "until", problems), caller.user(), text(body, "comment", problems), now,
                caller.email(), null);
        problems.addAll(SilenceValidator.validate(s));
        if (!problems.isEmpty()) {
            String detail = problems.stream().map(p -> "field '" + p.field() + "' " + p.message()).distinct().collect(Collectors.joining("; "));
            throw new ProblemException(Problem.of(400, "invalid-silence", "Invalid silence", detail));
        }
        writer.write(s);
        awaitVisible(id, java.util.Objects::nonNull);
        ctx.status(201).json(view(s, caller));
    }

    void list(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        List<Silence> all = new ArrayList<>();
        try (var it = streams.<String>globalStore(StoreNames.SILENCES).all()) {
            it.forEachRemaining(kv -> {
                if (io.alertstream.topology.silence.SilenceStoreUpdater.isMark(kv.key)) {
                    return; // the engine's record that an until-resolved silence has matched, not a silence
                }
                Silence s = parse(kv.value);
                if (s != null) {
                    all.add(s);
                }
            });
        }
        all.sort(Comparator.comparing(Silence::createdAt, Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Silence::id));
        ctx.json(Map.of("silences", all.stream().map(s -> view(s, caller)).toList()));
    }

    void get(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        ctx.json(view(known(ctx.pathParam("id")), caller));
    }

    void expire(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        Silence s = known(ctx.pathParam("id"));
        if (!caller.admin() && !caller.user().equals(s.createdBy())) {
            throw ProblemException.forbidden("Silence '" + s.id() + "' was made by another user");
        }
        long now = clock.millis();
        if (catalog.active(s.id(), now) || !catalog.started(s.id(), now)) {
            Silence ended = s.endedAt(clock.instant().toString(), "expired");
            writer.write(ended);
            awaitVisible(s.id(), v -> v != null && "expired".equals(v.endedBy()));
        }
        ctx.status(204);
    }

    private Silence known(String id) {
        Silence s = read(id);
        if (s == null) {
            throw ProblemException.notFound("No silence with id '" + id + "'");
        }
        return s;
    }

    /** The silence with its status; its {@code notify_email} only for its creator and admins (an address is personal). */
    private Map<String, Object> view(Silence s, Principal caller) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = new LinkedHashMap<>(json.convertValue(s, Map.class));
        if (!caller.admin() && !caller.user().equals(s.createdBy())) {
            out.put("notify_email", null);
        }
        long now = clock.millis();
        out.put("status", catalog.active(s.id(), now) ? "active" : catalog.started(s.id(), now) ? "expired" : "pending");
        return out;
    }

    private Silence read(String id) {
        String v = streams.<String>globalStore(StoreNames.SILENCES).get(id);
        return v == null ? null : parse(v);
    }

    private Silence parse(String v) {
        try {
            return json.readValue(v, Silence.class);
        } catch (Exception e) {
            return null;
        }
    }

    private void awaitVisible(String id, Predicate<Silence> until) {
        if (!StreamsAccess.awaitRead(() -> read(id), until, VISIBLE_WAIT)) {
            throw new ProblemException(Problem.of(503, "not-yet-visible", "Service unavailable",
                    "The change was written but this instance has not read it back yet; retry shortly"), Map.of("Retry-After", "5"));
        }
    }

    private static String text(JsonNode body, String field, List<FieldProblem> problems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            problems.add(new FieldProblem(field, "must be text"));
            return null;
        }
        return n.asText();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
