package io.alertstream.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.JsonBodies;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API tokens for programs: {@code POST /v1/tokens} (with a login token; answers the token once),
 * {@code GET /v1/tokens} (the caller's, without secrets), {@code DELETE /v1/tokens/{id}} (204; 403 for
 * another user's, 404 for an unknown id). A token is {@code ast_<id>_<secret>}: id 16 random bytes in
 * hex, secret 32 random bytes base64url; only the secret's SHA-256 is stored ({@link ApiToken}).
 * Create and revoke wait until this instance's store shows the change, so the next request here sees it.
 */
public final class TokenEndpoints implements Endpoints {
    static final int MAX_NAME = 100;
    static final Duration VISIBLE_WAIT = Duration.ofSeconds(10);
    private final ObjectMapper json;
    private final AccountDirectory directory;
    private final AccountWriter writer;
    private final TokenAuthenticator auth;
    private final Clock clock;

    public TokenEndpoints(ObjectMapper json, AccountDirectory directory, AccountWriter writer, TokenAuthenticator auth, Clock clock) {
        this.json = json;
        this.directory = directory;
        this.writer = writer;
        this.auth = auth;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/v1/tokens", this::create);
        config.routes.get("/v1/tokens", this::list);
        config.routes.delete("/v1/tokens/{id}", this::revoke);
    }

    void create(Context ctx) {
        Caller caller = auth.caller(ctx);
        if (!caller.byLogin()) {
            throw ProblemException.forbidden("API tokens are created with a login token (POST /v1/login), not with an API token");
        }
        String name = JsonBodies.text(JsonBodies.object(ctx, json), "name").trim();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ProblemException.badRequest("'name' must be 1 to " + MAX_NAME + " characters");
        }
        String id = HexFormat.of().formatHex(AccountEndpoints.bytes(16));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(AccountEndpoints.bytes(32));
        String hash = Base64.getUrlEncoder().withoutPadding().encodeToString(TokenAuthenticator.sha256(secret));
        ApiToken token = new ApiToken(id, caller.principal().user(), name, hash, clock.instant().toString(), null);
        writer.write(token);
        awaitVisible(id, t -> true);
        Map<String, Object> out = view(token);
        out.put("token", TokenAuthenticator.API_TOKEN_PREFIX + id + "_" + secret);
        ctx.status(201).json(out);
    }

    void list(Context ctx) {
        Caller caller = auth.caller(ctx);
        List<Map<String, Object>> tokens = directory.tokensOf(caller.principal().user()).stream().map(TokenEndpoints::view).toList();
        ctx.json(Map.of("tokens", tokens));
    }

    void revoke(Context ctx) {
        Caller caller = auth.caller(ctx);
        String id = ctx.pathParam("id");
        ApiToken token = directory.token(id).orElseThrow(() -> ProblemException.notFound("No API token with id " + id));
        if (!token.owner().equals(caller.principal().user())) {
            throw ProblemException.forbidden("API token " + id + " belongs to another user");
        }
        if (token.revokedAt() == null) {
            writer.write(token.revoked(clock.instant().toString()));
            awaitVisible(id, t -> t.revokedAt() != null);
        }
        ctx.status(204);
    }

    private void awaitVisible(String id, java.util.function.Predicate<ApiToken> until) {
        if (directory.awaitToken(id, until, VISIBLE_WAIT).isEmpty()) {
            throw new ProblemException(Problem.of(503, "not-yet-visible", "Service unavailable",
                    "The change was written but this instance has not read it back yet; retry shortly"), Map.of("Retry-After", "5"));
        }
    }

    private static Map<String, Object> view(ApiToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("createdAt", t.createdAt());
        if (t.revokedAt() != null) {
            out.put("revokedAt", t.revokedAt());
        }
        return out;
    }
}
