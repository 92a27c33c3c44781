package io.alertstream.connectors.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The trust-store keys shared by both connectors ({@code <prefix>ssl.truststore.location|password|type})
 * and the {@link SSLContext} built from them.
 *
 * <p>With no location set, TLS uses the JVM's default trust store (public CAs). The password is a
 * Connect {@link Password}: hidden in REST responses and logs, and resolvable from the environment with
 * {@code ${env:VAR}} through the worker's {@code EnvVarConfigProvider}.
 */
public final class TrustStoreConfig {
    public static final String LOCATION_SUFFIX = "ssl.truststore.location";
    public static final String PASSWORD_SUFFIX = "ssl.truststore.password";
    public static final String TYPE_SUFFIX = "ssl.truststore.type";
    private static final String TYPE_DEFAULT = "PKCS12";

    private TrustStoreConfig() {
    }

    public static void define(ConfigDef def, String prefix, String group, int firstOrder, String serverName) {
        def.define(prefix + LOCATION_SUFFIX, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM,
                        "Path of the trust store holding the CA that signed the " + serverName
                                + " server certificate. Empty: the JVM's default trust store.",
                        group, firstOrder, ConfigDef.Width.LONG, "Trust store location")
                .define(prefix + PASSWORD_SUFFIX, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                        "Password of the trust store, if it has one. Use ${env:VAR} with the worker's "
                                + "EnvVarConfigProvider to keep it out of the connector config.",
                        group, firstOrder + 1, ConfigDef.Width.MEDIUM, "Trust store password")
                .define(prefix + TYPE_SUFFIX, ConfigDef.Type.STRING, TYPE_DEFAULT,
                        ChoiceValidator.of(List.of("JKS", "PKCS12")), ConfigDef.Importance.LOW,
                        "Format of the trust store file.", group, firstOrder + 2, ConfigDef.Width.SHORT,
                        "Trust store type", ChoiceValidator.of(List.of("JKS", "PKCS12")));
    }

    /** Cross-field check for {@code Connector.validate}: a password without a location is a mistake. */
    public static Optional<ConfigProblem> crossFieldProblem(AbstractConfig config, String prefix) {
        String location = config.getString(prefix + LOCATION_SUFFIX);
        Password password = config.getPassword(prefix + PASSWORD_SUFFIX);
        if (location.isBlank() && password != null && !password.value().isEmpty()) {
            return Optional.of(new ConfigProblem(prefix + LOCATION_SUFFIX,
                    prefix + PASSWORD_SUFFIX + " is set but " + prefix + LOCATION_SUFFIX + " is empty"));
        }
        if (!location.isBlank() && !Files.isReadable(Path.of(location))) {
            return Optional.of(new ConfigProblem(prefix + LOCATION_SUFFIX,
                    prefix + LOCATION_SUFFIX + " does not name a readable file"));
        }
        return Optional.empty();
    }

    /** The SSL context for the configured trust store, or empty to use the JVM default. */
    public static Optional<SSLContext> sslContext(AbstractConfig config, String prefix) {
        String location = config.getString(prefix + LOCATION_SUFFIX);
        if (location.isBlank()) {
            return Optional.empty();
        }
        Password password = config.getPassword(prefix + PASSWORD_SUFFIX);
        char[] secret = password == null ? null : password.value().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore trustStore = KeyStore.getInstance(config.getString(prefix + TYPE_SUFFIX).toUpperCase(Locale.ROOT));
            trustStore.load(in, secret);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Cannot load the trust store named by " + prefix + LOCATION_SUFFIX
                    + " (check " + prefix + PASSWORD_SUFFIX + " and " + prefix + TYPE_SUFFIX + "): " + e.getMessage());
        }
    }
}
