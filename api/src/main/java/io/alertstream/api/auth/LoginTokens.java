package io.alertstream.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Login tokens: JWTs signed with HS256 under {@code alertstream.api.jwt.secret}, issuer
 * {@code alertstream}, subject the user id, valid for {@code alertstream.api.jwt.ttl}. Every instance
 * with the same secret accepts every other's tokens; nothing is stored.
 */
public final class LoginTokens {
    public static final String ISSUER = "alertstream";
    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    public LoginTokens(byte[] secret, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).build();
        this.ttl = ttl;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String user) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        String token = JWT.create().withIssuer(ISSUER).withSubject(user).withIssuedAt(now).withExpiresAt(expires)
                .withJWTId(UUID.randomUUID().toString()).sign(algorithm);
        return new Issued(token, expires);
    }

    /** The user id of a valid token (signature, issuer, expiry checked), else empty. */
    public Optional<String> verify(String token) {
        try {
            return Optional.ofNullable(verifier.verify(token).getSubject());
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }
}
