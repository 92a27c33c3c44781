package io.alertstream.api.auth;

import io.alertstream.api.http.ProblemException;
import io.alertstream.api.http.RateLimits;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Authorization: Bearer <token>}: a login JWT ({@link LoginTokens}) or an API token
 * {@code ast_<id>_<secret>} (looked up by id in the global tokens store, the SHA-256 of the secret
 * compared in constant time, refused once revoked). The account must exist in this instance's store.
 * Missing, bad, expired or revoked: 401 with {@code WWW-Authenticate: Bearer}; the detail never echoes
 * the token. An authenticated caller then takes a permit of its rate limit ({@link RateLimits}).
 */
public final class TokenAuthenticator implements Authenticator {
    public static final String API_TOKEN_PREFIX = "ast_";
    private final LoginTokens logins;
    private final AccountDirectory directory;
    private final Set<String> admins;
    private final RateLimits limits;

    public TokenAuthenticator(LoginTokens logins, AccountDirectory directory, Set<String> admins, RateLimits limits) {
        this.logins = logins;
        this.directory = directory;
        this.admins = admins;
        this.limits = limits;
    }

    @Override
    public Principal authenticate(Context ctx) {
        return caller(ctx).principal();
    }

    /** The caller, and which API token it used (if any). */
    public Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ProblemException.unauthorized("Send Authorization: Bearer <token> (a login token from POST /v1/login or an API token)");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("The Authorization header must use the Bearer scheme");
        }
        String token = header.substring(7).trim();
        Caller caller = token.startsWith(API_TOKEN_PREFIX) ? byApiToken(token) : byLogin(token);
        limits.acquire(caller.rateKey());
        return caller;
    }

    private Caller byLogin(String jwt) {
        String user = logins.verify(jwt).orElseThrow(() -> ProblemException.unauthorized("The token is invalid or expired; log in again"));
        return new Caller(principal(user), null);
    }

    private Caller byApiToken(String token) {
        String rest = token.substring(API_TOKEN_PREFIX.length());
        int sep = rest.indexOf('_');
        if (sep <= 0) {
            throw ProblemException.unauthorized("The API token is malformed");
        }
        String id = rest.substring(0, sep);
        Optional<ApiToken> stored = directory.token(id);
        byte[] given = sha256(rest.substring(sep + 1));
        byte[] expected = stored.map(t -> Base64.getUrlDecoder().decode(t.secretHash())).orElse(new byte[given.length]);
        // Constant time: how much of the hash matched must not show in the answer's timing.
        boolean matches = MessageDigest.isEqual(given, expected) && stored.isPresent();
        if (!matches) {
            throw ProblemException.unauthorized("The API token is unknown or wrong");
        }
        if (stored.get().revokedAt() != null) {
            throw ProblemException.unauthorized("The API token was revoked at " + stored.get().revokedAt());
        }
        return new Caller(principal(stored.get().owner()), id);
    }

    private Principal principal(String user) {
        Account a = directory.user(user).orElseThrow(() -> ProblemException.unauthorized("The token's account does not exist"));
        return new Principal(a.user(), a.email(), admins.contains(a.user()));
    }

    /** SHA-256 of an API token secret. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
