package io.alertstream.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.JsonBodies;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.api.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/signup}, {@code POST /v1/login}, {@code GET /v1/me}.
 *
 * <p>Signup answers 409 when this instance already knows the id; otherwise it writes a registration
 * (random id) and waits, bounded, until its own global store shows the id: 201 only if the store kept
 * this registration (the first on the topic, {@link AccountStores}), else 409. Login runs bcrypt even
 * for an unknown user, and both failures read the same, so neither the answer nor its timing says
 * which user ids exist. Signup and login are rate limited per client address.
 */
public final class AccountEndpoints implements Endpoints {
    static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 200;
    static final Duration SIGNUP_WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ObjectMapper json;
    private final AccountDirectory directory;
    private final AccountWriter writer;
    private final Passwords passwords;
    private final LoginTokens logins;
    private final TokenAuthenticator auth;
    private final RateLimits limits;
    private final Clock clock;

    public AccountEndpoints(ObjectMapper json, AccountDirectory directory, AccountWriter writer, Passwords passwords, LoginTokens logins,
                            TokenAuthenticator auth, RateLimits limits, Clock clock) {
        this.json = json;
        this.directory = directory;
        this.writer = writer;
        this.passwords = passwords;
        this.logins = logins;
        this.auth = auth;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/v1/signup", this::signup);
        config.routes.post("/v1/login", this::login);
        config.routes.get("/v1/me", this::me);
    }

    void signup(Context ctx) {
        limits.acquire("addr:" + ctx.ip());
        JsonNode body = JsonBodies.object(ctx, json);
        String user = JsonBodies.text(body, "user");
        String email = JsonBodies.text(body, "email").trim();
        String password = JsonBodies.text(body, "password");
        if (!USER_ID.matcher(user).matches()) {
            throw ProblemException.badRequest("'user' must match [a-z0-9][a-z0-9._-]{1,63}: 2 to 64 lower-case letters, digits, '.', '_', '-'");
        }
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw ProblemException.badRequest("'email' is not an email address");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw ProblemException.badRequest("'password' must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long");
        }
        if (directory.user(user).isPresent()) {
            throw taken(user);
        }
        String registration = HexFormat.of().formatHex(bytes(16));
        Account mine = new Account(user, email, passwords.hash(password), clock.instant().toString(), registration);
        writer.write(mine);
        Optional<Account> winner = directory.awaitUser(user, SIGNUP_WAIT);
        if (winner.isEmpty()) {
            throw new ProblemException(Problem.of(503, "not-yet-visible", "Service unavailable", "The account was written but this "
                    + "instance has not read it back yet; try to log in shortly"), Map.of("Retry-After", "5"));
        }
        if (!winner.get().registration().equals(registration)) {
            throw taken(user);
        }
        ctx.status(201).json(Map.of("user", user, "email", email));
    }

    private static ProblemException taken(String user) {
        return new ProblemException(Problem.of(409, "user-exists", "Conflict", "User id '" + user + "' is taken; choose another"));
    }

    void login(Context ctx) {
        limits.acquire("addr:" + ctx.ip());
        JsonNode body = JsonBodies.object(ctx, json);
        String user = JsonBodies.text(body, "user");
        String password = JsonBodies.text(body, "password");
        Optional<Account> account = USER_ID.matcher(user).matches() ? directory.user(user) : Optional.empty();
        // bcrypt runs for an unknown user too: the answer's timing must not tell which ids exist.
        boolean verified = passwords.verify(password, account.map(Account::passwordHash).orElse(passwords.dummyHash()));
        if (account.isEmpty() || !verified) {
            throw ProblemException.unauthorized("Wrong user or password");
        }
        LoginTokens.Issued issued = logins.issue(user);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("token", issued.token());
        out.put("expiresAt", issued.expiresAt().toString());
        ctx.json(out);
    }

    void me(Context ctx) {
        Principal p = auth.authenticate(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", p.user());
        out.put("email", p.email());
        out.put("admin", p.admin());
        ctx.json(out);
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
