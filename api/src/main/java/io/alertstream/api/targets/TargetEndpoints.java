package io.alertstream.api.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.JsonBodies;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.targets.FieldProblem;
import io.alertstream.topology.targets.Target;
import io.alertstream.topology.targets.TargetValidator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The uptime targets: {@code POST /v1/targets} (201 with the stored target, its id 16 random bytes base64url),
 * {@code GET /v1/targets} ({@code {"targets":[Target]}}: the caller's, every one for an admin),
 * {@code GET/PUT/DELETE /v1/targets/{id}} (PUT replaces the user's fields and keeps id, owner and created_at;
 * DELETE writes a tombstone, 204). A target is the caller's when they created it or are among its owners;
 * another user's answers 403, an unknown id 404, an invalid body 400 naming every bad field. Writes wait until
 * this instance's targets store shows them, so the next request here sees the change.
 */
public final class TargetEndpoints implements Endpoints {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Authenticator auth;
    private final TargetDirectory directory;
    private final TargetWriter writer;
    private final ObjectMapper json;
    private final Clock clock;

    public TargetEndpoints(Authenticator auth, TargetDirectory directory, TargetWriter writer, ObjectMapper json, Clock clock) {
        this.auth = auth;
        this.directory = directory;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/v1/targets", this::create);
        config.routes.get("/v1/targets", this::list);
        config.routes.get("/v1/targets/{id}", this::get);
        config.routes.put("/v1/targets/{id}", this::replace);
        config.routes.delete("/v1/targets/{id}", this::delete);
    }

    /** Whether {@code caller} may read and change {@code target}: an admin, its creator or one of its owners. */
    static boolean mayAccess(Principal caller, Target target) {
        return caller.admin() || target.ownedBy(caller.user());
    }

    /** The target {@code id} if the caller may access it; 404 unknown, 403 another user's. */
    static Target accessible(TargetDirectory directory, Principal caller, String id) {
        Target t = directory.get(id).orElseThrow(() -> ProblemException.notFound("No target with id '" + id + "'"));
        if (!mayAccess(caller, t)) {
            throw ProblemException.forbidden("Target '" + id + "' belongs to another user");
        }
        return t;
    }

    void create(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        Target fields = validated(JsonBodies.object(ctx, json), null, caller);
        String now = clock.instant().toString();
        Target t = fields.with(Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes()), caller.user(), now, now);
        writer.write(t);
        directory.awaitVisible(t.id(), Objects::nonNull);
        ctx.status(201).json(t);
    }

    void list(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        ctx.json(Map.of("targets", directory.all(t -> mayAccess(caller, t))));
    }

    void get(Context ctx) {
        ctx.json(accessible(directory, auth.authenticate(ctx), ctx.pathParam("id")));
    }

    void replace(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        Target before = accessible(directory, caller, ctx.pathParam("id"));
        Target fields = validated(JsonBodies.object(ctx, json), before.id(), caller);
        Target t = fields.with(before.id(), before.owner(), before.createdAt(), clock.instant().toString());
        writer.write(t);
        directory.awaitVisible(t.id(), t::equals);
        ctx.json(t);
    }

    void delete(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        Target t = accessible(directory, caller, ctx.pathParam("id"));
        writer.delete(t.id());
        directory.awaitVisible(t.id(), Objects::isNull);
        ctx.status(204);
    }

    /** The body's fields checked ({@code id} allowed only as the path's); 400 naming every bad field. */
    private Target validated(JsonNode body, String id, Principal caller) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = new LinkedHashMap<>(json.convertValue(body, Map.class));
        Object given = fields.remove("id");
        if (given != null && !given.equals(id)) {
            throw invalid(List.of(new FieldProblem("id", id == null ? "is chosen by the server" : "must be the path's id '" + id + "'")));
        }
        TargetValidator.Result r = TargetValidator.validate(fields, caller.user());
        if (!r.ok()) {
            throw invalid(r.problems());
        }
        return r.target();
    }

    private static ProblemException invalid(List<FieldProblem> problems) {
        String detail = problems.stream().map(p -> "field '" + p.field() + "' " + p.message()).collect(Collectors.joining("; "));
        return new ProblemException(Problem.of(400, "invalid-target", "Invalid target", detail));
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
