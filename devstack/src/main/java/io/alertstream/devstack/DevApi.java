package io.alertstream.devstack;

import io.alertstream.api.ApiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The settings of the API that {@code alertstream dev} starts: the engine's properties (same broker and
 * topics), its port, its state under {@code --data}, and a login signing key generated once per data
 * directory and kept there (owner-only), so logins and tokens survive a restart of {@code dev} and no key
 * is ever written in code. {@code ALERTSTREAM_API_JWT_SECRET} overrides it.
 */
final class DevApi {
    private static final String JWT_SECRET_CONFIG = ApiConfig.PREFIX + "jwt.secret";

    private DevApi() {
    }

    static Properties properties(Properties engine, Path data, int port) throws IOException {
        Properties p = new Properties();
        p.putAll(engine);
        p.put(ApiConfig.PORT_CONFIG, Integer.toString(port));
        p.put(ApiConfig.STATE_DIR_CONFIG, data.resolve("api-state").toAbsolutePath().toString());
        p.put(ApiConfig.APPLICATION_ID_CONFIG, "alertstream-dev-api");
        if (!p.containsKey(JWT_SECRET_CONFIG)) {
            p.put(JWT_SECRET_CONFIG, secret(data.resolve("api").resolve("jwt-secret")));
        }
        return p;
    }

    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        Files.createDirectories(file.getParent());
        byte[] key = new byte[48];
        new SecureRandom().nextBytes(key);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret);
        return secret;
    }
}
