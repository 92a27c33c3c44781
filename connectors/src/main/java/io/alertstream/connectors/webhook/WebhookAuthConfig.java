package io.alertstream.connectors.webhook;

import io.alertstream.connectors.common.ChoiceValidator;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.TrustStoreConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The "Webhook security" group: an optional {@code Authorization} header (bearer token or basic), sent only
 * to URLs under {@code webhook.auth.url.prefixes} (a record naming another allowed URL gets no header, so
 * a credential meant for one receiver never reaches another), and the trust store for https. Secrets are
 * Connect {@link Password}s and stay wrapped in one until the header is set, so they never reach a log line.
 */
public final class WebhookAuthConfig {
    static final String GROUP = "Webhook security";

    public static final String AUTH_TYPE_CONFIG = "webhook.auth.type";
    private static final String AUTH_TYPE_DOC = "Authorization header sent to the URLs under "
            + "webhook.auth.url.prefixes: 'none', 'bearer' (webhook.auth.token) or 'basic' (webhook.auth.username "
            + "and webhook.auth.password).";
    public static final String AUTH_TYPE_DEFAULT = "none";
    public static final List<String> AUTH_TYPES = List.of("none", "bearer", "basic");
    public static final String URL_PREFIXES_CONFIG = "webhook.auth.url.prefixes";
    private static final String URL_PREFIXES_DOC = "URL prefixes the Authorization header is sent to, matched like "
            + "webhook.allowed.url.prefixes; each must also be allowed by webhook.allowed.url.prefixes. Required when "
            + "webhook.auth.type is not 'none'. Requests to other allowed URLs carry no Authorization header; for "
            + "different credentials per receiver, run one connector per credential.";
    public static final String TOKEN_CONFIG = "webhook.auth.token";
    private static final String TOKEN_DOC = "Bearer token for webhook.auth.type=bearer. Use ${env:VAR} with the "
            + "worker's EnvVarConfigProvider.";
    public static final String USERNAME_CONFIG = "webhook.auth.username";
    private static final String USERNAME_DOC = "User for webhook.auth.type=basic.";
    public static final String PASSWORD_CONFIG = "webhook.auth.password";
    private static final String PASSWORD_DOC = "Password for webhook.auth.type=basic. Use ${env:VAR} with the "
            + "worker's EnvVarConfigProvider.";

    private WebhookAuthConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(AUTH_TYPE_CONFIG, ConfigDef.Type.STRING, AUTH_TYPE_DEFAULT, ChoiceValidator.of(AUTH_TYPES),
                        ConfigDef.Importance.HIGH, AUTH_TYPE_DOC, GROUP, ++order, ConfigDef.Width.SHORT, "Auth type",
                        ChoiceValidator.of(AUTH_TYPES))
                .define(URL_PREFIXES_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH, URL_PREFIXES_DOC,
                        GROUP, ++order, ConfigDef.Width.LONG, "Auth URL prefixes")
                .define(TOKEN_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM, TOKEN_DOC, GROUP,
                        ++order, ConfigDef.Width.LONG, "Bearer token")
                .define(USERNAME_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM, USERNAME_DOC, GROUP,
                        ++order, ConfigDef.Width.MEDIUM, "Basic user")
                .define(PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM, PASSWORD_DOC,
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Basic password");
        TrustStoreConfig.define(def, WebhookSinkConnectorConfig.PREFIX, GROUP, ++order, "webhook");
    }

    static List<ConfigProblem> crossFieldProblems(AbstractConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        switch (type(config)) {
            case "bearer" -> {
                if (isEmpty(config.getPassword(TOKEN_CONFIG))) {
                    problems.add(new ConfigProblem(TOKEN_CONFIG, AUTH_TYPE_CONFIG + "=bearer needs " + TOKEN_CONFIG));
                }
            }
            case "basic" -> {
                if (config.getString(USERNAME_CONFIG).isBlank() || isEmpty(config.getPassword(PASSWORD_CONFIG))) {
                    problems.add(new ConfigProblem(USERNAME_CONFIG, AUTH_TYPE_CONFIG + "=basic needs "
                            + USERNAME_CONFIG + " and " + PASSWORD_CONFIG));
                }
            }
            default -> {
            }
        }
        return problems;
    }

    /** Problems of webhook.auth.url.prefixes: required with authentication, each an allowed prefix. */
    static List<ConfigProblem> prefixProblems(AbstractConfig config, UrlAllowList allowed) {
        List<String> prefixes = authUrlPrefixes(config);
        List<ConfigProblem> problems = new ArrayList<>(
                WebhookSinkConnectorConfig.prefixProblems(URL_PREFIXES_CONFIG, prefixes));
        if (!"none".equals(type(config)) && prefixes.isEmpty()) {
            problems.add(new ConfigProblem(URL_PREFIXES_CONFIG, AUTH_TYPE_CONFIG + "=" + type(config) + " needs "
                    + URL_PREFIXES_CONFIG + ": the URL prefixes the credentials are for"));
        }
        if (problems.isEmpty()) {
            for (int i = 0; i < prefixes.size(); i++) {
                try {
                    allowed.check(prefixes.get(i));
                } catch (IllegalArgumentException e) {
                    problems.add(new ConfigProblem(URL_PREFIXES_CONFIG, "entry " + (i + 1) + " is not under "
                            + WebhookSinkConnectorConfig.ALLOWED_URL_PREFIXES_CONFIG));
                }
            }
        }
        return problems;
    }

    static List<String> authUrlPrefixes(AbstractConfig config) {
        return WebhookSinkConnectorConfig.nonBlank(config.getList(URL_PREFIXES_CONFIG));
    }

    static Optional<Password> authorizationHeader(AbstractConfig config) {
        return switch (type(config)) {
            case "bearer" -> Optional.of(new Password("Bearer " + config.getPassword(TOKEN_CONFIG).value()));
            case "basic" -> Optional.of(new Password("Basic " + Base64.getEncoder().encodeToString(
                    (config.getString(USERNAME_CONFIG).trim() + ":" + config.getPassword(PASSWORD_CONFIG).value())
                            .getBytes(StandardCharsets.UTF_8))));
            default -> Optional.empty();
        };
    }

    private static String type(AbstractConfig config) {
        return config.getString(AUTH_TYPE_CONFIG).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isEmpty(Password password) {
        return password == null || password.value().isEmpty();
    }
}
