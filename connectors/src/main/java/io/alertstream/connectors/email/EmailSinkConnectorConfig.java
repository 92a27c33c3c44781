package io.alertstream.connectors.email;

import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.MalformedRecordBehavior;
import io.alertstream.connectors.common.TrustStoreConfig;
import io.alertstream.connectors.notification.NotificationDeliveryConfig;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the email notification sink: SMTP ({@link SmtpConnectionConfig}), sender and
 * Message-ID domain, templates ({@link EmailTemplatesConfig}), retries and malformed-record handling.
 *
 * <p>Input: the connector's string properties. Output: typed accessors parsed once; cross-field problems
 * for {@code Connector.validate}.
 */
public final class EmailSinkConnectorConfig extends AbstractConfig {
    static final String MESSAGE_GROUP = "Message";
    static final String WRITE_GROUP = "Delivery";

    public static final String FROM_CONFIG = "email.from";
    private static final String FROM_DOC = "Sender address, e.g. 'alertstream <alerts@example.com>'.";
    public static final String MESSAGE_ID_DOMAIN_CONFIG = "email.message.id.domain";
    private static final String MESSAGE_ID_DOMAIN_DOC = "Domain of the Message-ID <notificationId@domain>, stable "
            + "per notification so a redelivered message is recognisable as the same one. Empty: the domain of "
            + "email.from.";

    public static final String BEHAVIOR_ON_MALFORMED_CONFIG = MalformedRecordBehavior.RECORDS_CONFIG;
    private static final String BEHAVIOR_ON_MALFORMED_WHAT = "What to do with a notification that cannot be sent: "
            + "not JSON, no id, channel email without recipients, an invalid address, or a permanent (5xx) SMTP "
            + "refusal.";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final InternetAddress from;

    public EmailSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.from = parseFrom(getString(FROM_CONFIG));
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        SmtpConnectionConfig.define(def);
        int order = 0;
        def.define(FROM_CONFIG, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new AddressValidator(),
                        ConfigDef.Importance.HIGH, FROM_DOC, MESSAGE_GROUP, ++order, ConfigDef.Width.MEDIUM, "From")
                .define(MESSAGE_ID_DOMAIN_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                        MESSAGE_ID_DOMAIN_DOC, MESSAGE_GROUP, ++order, ConfigDef.Width.MEDIUM, "Message-ID domain");
        EmailTemplatesConfig.define(def);
        NotificationDeliveryConfig.define(def);
        MalformedRecordBehavior.define(def, BEHAVIOR_ON_MALFORMED_CONFIG, BEHAVIOR_ON_MALFORMED_WHAT);
        return def;
    }

    public List<ConfigProblem> crossFieldProblems() {
        List<ConfigProblem> problems = new ArrayList<>(SmtpConnectionConfig.crossFieldProblems(this));
        problems.addAll(NotificationDeliveryConfig.crossFieldProblems(this));
        if (messageIdDomain().isEmpty()) {
            problems.add(new ConfigProblem(MESSAGE_ID_DOMAIN_CONFIG, FROM_CONFIG + " has no domain: set "
                    + MESSAGE_ID_DOMAIN_CONFIG));
        }
        return problems;
    }

    private static InternetAddress parseFrom(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (AddressException e) {
            throw ConfigErrors.invalid(FROM_CONFIG, "not an email address (" + e.getMessage() + ")");
        }
    }

    public String host() {
        return getString(SmtpConnectionConfig.HOST_CONFIG).trim();
    }

    public int port() {
        return getInt(SmtpConnectionConfig.PORT_CONFIG);
    }

    /** {@code none}, {@code starttls} or {@code ssl}. */
    public String security() {
        return SmtpConnectionConfig.security(this);
    }

    /** Empty when sending without SMTP AUTH. */
    public Optional<String> username() {
        String user = getString(SmtpConnectionConfig.USERNAME_CONFIG).trim();
        return user.isEmpty() ? Optional.empty() : Optional.of(user);
    }

    public Password password() {
        return getPassword(SmtpConnectionConfig.PASSWORD_CONFIG);
    }

    public Optional<SSLContext> sslContext() {
        return TrustStoreConfig.sslContext(this, SmtpConnectionConfig.PREFIX);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(SmtpConnectionConfig.CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration timeout() {
        return Duration.ofMillis(getInt(SmtpConnectionConfig.TIMEOUT_MS_CONFIG));
    }

    public InternetAddress from() {
        return from;
    }

    public String messageIdDomain() {
        String domain = getString(MESSAGE_ID_DOMAIN_CONFIG).trim();
        if (!domain.isEmpty()) {
            return domain;
        }
        String address = from.getAddress();
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    public EmailTemplates templates() {
        return EmailTemplatesConfig.templates(this);
    }

    public NotificationDeliveryConfig.Settings delivery() {
        return NotificationDeliveryConfig.Settings.from(this);
    }

    public MalformedRecordBehavior behaviorOnMalformed() {
        return MalformedRecordBehavior.from(this, BEHAVIOR_ON_MALFORMED_CONFIG);
    }

    /** Validates {@code email.from} at config time, so a typo fails validation, not every message. */
    static final class AddressValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                throw ConfigErrors.invalid(name, "an email address is required");
            }
            try {
                new InternetAddress(value.toString(), true);
            } catch (AddressException e) {
                throw ConfigErrors.invalid(name, "not an email address (" + e.getMessage() + ")");
            }
        }

        @Override
        public String toString() {
            return "an RFC 822 address";
        }
    }
}
