package io.alertstream.connectors.elasticsearch;

import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.TrustStoreConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The "Connection" and "Security" groups of the Elasticsearch sink: where the cluster is, how to
 * authenticate (basic auth or API key), TLS trust, and timeouts.
 *
 * <p>Defines the keys into a {@link ConfigDef} and checks the combinations a single key cannot
 * ({@link #crossFieldErrors}). Secrets are {@link Password}s, never logged.
 */
public final class ElasticsearchConnectionConfig {
    static final String CONNECTION_GROUP = "Connection";
    static final String SECURITY_GROUP = "Security";
    static final String PREFIX = "connection.";

    public static final String CONNECTION_URLS_CONFIG = "connection.urls";
    private static final String CONNECTION_URLS_DOC = "Comma-separated Elasticsearch HTTP endpoints, e.g. "
            + "https://es1:9200,https://es2:9200. Requests are spread over them; use https:// for TLS.";

    public static final String CONNECTION_TIMEOUT_MS_CONFIG = "connection.timeout.ms";
    private static final String CONNECTION_TIMEOUT_MS_DOC = "Time allowed to open a connection to Elasticsearch.";
    public static final int CONNECTION_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String READ_TIMEOUT_MS_CONFIG = "read.timeout.ms";
    private static final String READ_TIMEOUT_MS_DOC = "Time allowed for Elasticsearch to answer a request "
            + "(a bulk request included); a timeout is retried like an outage.";
    public static final int READ_TIMEOUT_MS_DEFAULT = 30_000;

    public static final String USERNAME_CONFIG = "connection.username";
    private static final String USERNAME_DOC = "User for HTTP basic authentication; empty for none.";
    public static final String PASSWORD_CONFIG = "connection.password";
    private static final String PASSWORD_DOC = "Password for HTTP basic authentication. Use ${env:VAR} with the "
            + "worker's EnvVarConfigProvider to read it from the environment.";
    public static final String API_KEY_CONFIG = "connection.api.key";
    private static final String API_KEY_DOC = "Elasticsearch API key (the base64 'encoded' value returned by "
            + "POST /_security/api_key), sent as 'Authorization: ApiKey ...'. Exclusive with basic auth.";

    private ElasticsearchConnectionConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(CONNECTION_URLS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new UrlListValidator(),
                        ConfigDef.Importance.HIGH, CONNECTION_URLS_DOC, CONNECTION_GROUP, ++order,
                        ConfigDef.Width.LONG, "Elasticsearch URLs")
                .define(CONNECTION_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, CONNECTION_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, CONNECTION_TIMEOUT_MS_DOC,
                        CONNECTION_GROUP, ++order, ConfigDef.Width.SHORT, "Connection timeout (ms)")
                .define(READ_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, READ_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, READ_TIMEOUT_MS_DOC,
                        CONNECTION_GROUP, ++order, ConfigDef.Width.SHORT, "Read timeout (ms)");
        order = 0;
        def.define(USERNAME_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM, USERNAME_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.MEDIUM, "Username")
                .define(PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM, PASSWORD_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.MEDIUM, "Password")
                .define(API_KEY_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM, API_KEY_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.LONG, "API key");
        TrustStoreConfig.define(def, PREFIX, SECURITY_GROUP, ++order, "Elasticsearch");
    }

    /** Problems only visible across keys; each names the keys to change. */
    static List<ConfigProblem> crossFieldProblems(AbstractConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        boolean hasUser = !config.getString(USERNAME_CONFIG).isBlank();
        boolean hasPassword = isSet(config.getPassword(PASSWORD_CONFIG));
        if (hasUser != hasPassword) {
            problems.add(new ConfigProblem(hasUser ? PASSWORD_CONFIG : USERNAME_CONFIG,
                    USERNAME_CONFIG + " and " + PASSWORD_CONFIG + " must be set together"));
        }
        if (hasUser && isSet(config.getPassword(API_KEY_CONFIG))) {
            problems.add(new ConfigProblem(API_KEY_CONFIG,
                    "Set either " + API_KEY_CONFIG + " or " + USERNAME_CONFIG + "/" + PASSWORD_CONFIG + ", not both"));
        }
        TrustStoreConfig.crossFieldProblem(config, PREFIX).ifPresent(problems::add);
        return problems;
    }

    static boolean isSet(Password password) {
        return password != null && !password.value().isEmpty();
    }

    /** Each entry must be an absolute http(s) URL with a host. */
    static final class UrlListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> urls = (List<?>) value;
            if (urls == null || urls.isEmpty()) {
                throw ConfigErrors.invalid(name, "at least one URL is required, e.g. http://127.0.0.1:9200");
            }
            for (Object url : urls) {
                try {
                    URI uri = new URI(url.toString().trim());
                    if (uri.getUserInfo() != null) {
                        // Not echoed: the value holds a secret, and this config is logged.
                        throw new ConfigException(name + " must not carry credentials: use " + USERNAME_CONFIG
                                + " and " + PASSWORD_CONFIG + ", or " + API_KEY_CONFIG);
                    }
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw ConfigErrors.invalid(name, "expected http://host:port or https://host:port");
                    }
                } catch (URISyntaxException e) {
                    throw ConfigErrors.invalid(name, "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
                }
            }
        }

        @Override
        public String toString() {
            return "http(s)://host:port, ...";
        }
    }
}
