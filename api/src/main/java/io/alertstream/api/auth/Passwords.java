package io.alertstream.api.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt hashes of passwords. Passwords longer than bcrypt's 72 bytes are first hashed with SHA-512
 * (so every character counts, instead of bcrypt silently ignoring the tail). {@link #verify} against
 * {@link #dummyHash()} lets login spend the same time for an unknown user as for a known one.
 */
public final class Passwords {
    private static final LongPasswordStrategy LONG = LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2A);
    private final int cost;
    private final String dummyHash;

    public Passwords(int cost) {
        this.cost = cost;
        this.dummyHash = hash("not a password anyone has: timing only");
    }

    public String hash(String password) {
        return BCrypt.with(BCrypt.Version.VERSION_2A, LONG).hashToString(cost, password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        return BCrypt.verifyer(BCrypt.Version.VERSION_2A, LONG)
                .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** A hash of the configured cost that no password given at login matches. */
    public String dummyHash() {
        return dummyHash;
    }
}
