package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Writes one superuser into the Elasticsearch file realm ({@code config/users}, {@code config/users_roles}).
 *
 * <p>Input: a config directory, a user name and a password. Output: the two realm files. Semantics:
 * the password is stored only as a salted hash in Elasticsearch's {@code {PBKDF2}} format
 * (PBKDF2-HMAC-SHA512, 10,000 rounds, 32-byte salt and key, Base64), which the file realm verifies;
 * this avoids running the {@code elasticsearch-users} tool (one more JVM start) and never puts the
 * password on a command line.
 */
final class ElasticsearchFileRealm {

    private static final int ROUNDS = 10_000;
    private static final int BYTES = 32;

    private ElasticsearchFileRealm() {
    }

    static void writeSuperuser(Path configDir, String username, String password) {
        if (!username.matches("[A-Za-z0-9_.@-]+")) {
            throw new IllegalArgumentException("Elasticsearch user name must match [A-Za-z0-9_.@-]+: " + username);
        }
        try {
            Files.writeString(configDir.resolve("users"), username + ":" + hash(password) + "\n", StandardCharsets.UTF_8);
            Files.writeString(configDir.resolve("users_roles"), "superuser:" + username + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the file realm in " + configDir, e);
        }
    }

    static String hash(String password) {
        byte[] salt = new byte[BYTES];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ROUNDS, BYTES * 8)).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "{PBKDF2}" + ROUNDS + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JVM", e);
        }
    }
}
