package io.alertstream.connectors.email;

import io.alertstream.connectors.common.ChoiceValidator;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.TrustStoreConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The "SMTP connection" and "SMTP security" groups of the email sink: server, transport security
 * ({@code none | starttls | ssl}), credentials, trust store and timeouts.
 *
 * <p>{@code starttls} requires the server to offer STARTTLS (the connection fails otherwise), so a
 * downgrade cannot silently send credentials in clear text.
 */
public final class SmtpConnectionConfig {
    static final String CONNECTION_GROUP = "SMTP connection";
    static final String SECURITY_GROUP = "SMTP security";
    static final String PREFIX = "smtp.";

    public static final String HOST_CONFIG = "smtp.host";
    private static final String HOST_DOC = "SMTP server host name.";
    public static final String PORT_CONFIG = "smtp.port";
    private static final String PORT_DOC = "SMTP server port: usually 587 with starttls, 465 with ssl, 25 with none.";
    public static final int PORT_DEFAULT = 587;
    public static final String CONNECT_TIMEOUT_MS_CONFIG = "smtp.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "Time allowed to open the SMTP connection.";
    public static final int CONNECT_TIMEOUT_MS_DEFAULT = 10_000;
    public static final String TIMEOUT_MS_CONFIG = "smtp.timeout.ms";
    private static final String TIMEOUT_MS_DOC = "Time allowed for each SMTP read and write; a timeout is retried "
            + "like an outage.";
    public static final int TIMEOUT_MS_DEFAULT = 30_000;

    public static final String SECURITY_CONFIG = "smtp.security";
    private static final String SECURITY_DOC = "Transport security: 'starttls' (upgrade a plain connection, required), "
            + "'ssl' (TLS from the first byte, 'SMTPS'), or 'none' (clear text; only for a relay on localhost).";
    public static final String SECURITY_DEFAULT = "starttls";
    public static final List<String> SECURITY_CHOICES = List.of("none", "starttls", "ssl");
    public static final String USERNAME_CONFIG = "smtp.username";
    private static final String USERNAME_DOC = "SMTP AUTH user; empty to send without authentication.";
    public static final String PASSWORD_CONFIG = "smtp.password";
    private static final String PASSWORD_DOC = "SMTP AUTH password. Use ${env:VAR} with the worker's "
            + "EnvVarConfigProvider to keep it out of the connector config.";

    private SmtpConnectionConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(HOST_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.HIGH, HOST_DOC, CONNECTION_GROUP, ++order, ConfigDef.Width.MEDIUM, "Host")
                .define(PORT_CONFIG, ConfigDef.Type.INT, PORT_DEFAULT, ConfigDef.Range.between(1, 65_535),
                        ConfigDef.Importance.HIGH, PORT_DOC, CONNECTION_GROUP, ++order, ConfigDef.Width.SHORT, "Port")
                .define(CONNECT_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, CONNECT_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, CONNECT_TIMEOUT_MS_DOC, CONNECTION_GROUP,
                        ++order, ConfigDef.Width.SHORT, "Connect timeout (ms)")
                .define(TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW, TIMEOUT_MS_DOC, CONNECTION_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Timeout (ms)");
        order = 0;
        def.define(SECURITY_CONFIG, ConfigDef.Type.STRING, SECURITY_DEFAULT, ChoiceValidator.of(SECURITY_CHOICES),
                        ConfigDef.Importance.HIGH, SECURITY_DOC, SECURITY_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Security", ChoiceValidator.of(SECURITY_CHOICES))
                .define(USERNAME_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM, USERNAME_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.MEDIUM, "User")
                .define(PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM, PASSWORD_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.MEDIUM, "Password");
        TrustStoreConfig.define(def, PREFIX, SECURITY_GROUP, ++order, "SMTP");
    }

    static List<ConfigProblem> crossFieldProblems(AbstractConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Password password = config.getPassword(PASSWORD_CONFIG);
        boolean hasPassword = password != null && !password.value().isEmpty();
        boolean hasUser = !config.getString(USERNAME_CONFIG).isBlank();
        if (hasUser != hasPassword) {
            problems.add(new ConfigProblem(hasUser ? PASSWORD_CONFIG : USERNAME_CONFIG,
                    USERNAME_CONFIG + " and " + PASSWORD_CONFIG + " must be set together"));
        }
        TrustStoreConfig.crossFieldProblem(config, PREFIX).ifPresent(problems::add);
        return problems;
    }

    static String security(AbstractConfig config) {
        return config.getString(SECURITY_CONFIG).trim().toLowerCase(Locale.ROOT);
    }
}
