package io.alertstream.connectors.webhook;

import io.alertstream.connectors.common.ChoiceValidator;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.MalformedRecordBehavior;
import io.alertstream.connectors.common.TrustStoreConfig;
import io.alertstream.connectors.notification.NotificationDeliveryConfig;
import io.alertstream.template.Template;
import io.alertstream.connectors.notification.TemplateValidator;
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
 * Configuration of the webhook notification sink: which URLs records may name, timeouts, the default
 * payload format, authentication ({@link WebhookAuthConfig}), trust store, retries and malformed-record
 * handling.
 *
 * <p>Input: the connector's string properties. Output: typed accessors; cross-field problems for
 * {@code Connector.validate}.
 */
public final class WebhookSinkConnectorConfig extends AbstractConfig {
    static final String ENDPOINT_GROUP = "Webhook endpoint";
    static final String WRITE_GROUP = "Delivery";
    static final String PREFIX = "webhook.";

    public static final String ALLOWED_URL_PREFIXES_CONFIG = "webhook.allowed.url.prefixes";
    private static final String ALLOWED_URL_PREFIXES_DOC = "Required. URL prefixes a notification's webhook.url "
            + "must fall under (e.g. https://hooks.slack.com/services/,https://hooks.example.com/alerts/), so a record "
            + "cannot make the worker call arbitrary hosts (cloud metadata, Connect's REST API). Compared after "
            + "normalising scheme and host case, default ports and '..' segments; scheme, host and port must be "
            + "equal and the path must continue the prefix's path at a '/' boundary (https://h/alerts allows "
            + "https://h/alerts/x, not https://h/alertsX). URLs with user info are refused. A URL outside the list "
            + "is a malformed record. Empty (the default): the connector does not start.";
    public static final String TIMEOUT_MS_CONFIG = "webhook.timeout.ms";
    private static final String TIMEOUT_MS_DOC = "Time allowed for a webhook to answer; a notification's "
            + "webhook.timeoutMs may shorten it, never lengthen it (deliveries share the task's thread). A timeout "
            + "is retried in the receiver's lane.";
    public static final int TIMEOUT_MS_DEFAULT = 10_000;
    public static final String CONNECT_TIMEOUT_MS_CONFIG = "webhook.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "Time allowed to open a connection.";
    public static final int CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
    public static final String FORMAT_DEFAULT_CONFIG = "webhook.format.default";
    private static final String FORMAT_DEFAULT_DOC = "Payload format when a notification has no webhook.format: "
            + "'json' (the notification itself) or 'slack' ({\"text\", \"blocks\"}).";
    public static final String FORMAT_DEFAULT_DEFAULT = "json";
    public static final String LINK_TEMPLATE_CONFIG = "link.template";
    private static final String LINK_TEMPLATE_DOC = "Link per alert in Slack messages, with URL-encoded alert "
            + "fields, e.g. https://kibana.example.com/app/discover#/?q={{alertKey}}. Empty: no link.";

    public static final String BEHAVIOR_ON_MALFORMED_CONFIG = MalformedRecordBehavior.RECORDS_CONFIG;
    private static final String BEHAVIOR_ON_MALFORMED_WHAT = "What to do with a notification that cannot be "
            + "delivered: not JSON, no id, no or a disallowed webhook.url, or refused by the receiver with a 4xx "
            + "other than 408/429.";

    public static final ConfigDef CONFIG_DEF = configDef();

    public WebhookSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(ALLOWED_URL_PREFIXES_CONFIG, ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH,
                        ALLOWED_URL_PREFIXES_DOC, ENDPOINT_GROUP, ++order, ConfigDef.Width.LONG, "Allowed URL prefixes")
                .define(TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, TIMEOUT_MS_DEFAULT, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.MEDIUM, TIMEOUT_MS_DOC, ENDPOINT_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Timeout (ms)")
                .define(CONNECT_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, CONNECT_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, CONNECT_TIMEOUT_MS_DOC, ENDPOINT_GROUP,
                        ++order, ConfigDef.Width.SHORT, "Connect timeout (ms)")
                .define(FORMAT_DEFAULT_CONFIG, ConfigDef.Type.STRING, FORMAT_DEFAULT_DEFAULT,
                        ChoiceValidator.of(WebhookFormat.configValues()), ConfigDef.Importance.MEDIUM,
                        FORMAT_DEFAULT_DOC, ENDPOINT_GROUP, ++order, ConfigDef.Width.SHORT, "Default format",
                        ChoiceValidator.of(WebhookFormat.configValues()))
                .define(LINK_TEMPLATE_CONFIG, ConfigDef.Type.STRING, "", new TemplateValidator(),
                        ConfigDef.Importance.LOW, LINK_TEMPLATE_DOC, ENDPOINT_GROUP, ++order, ConfigDef.Width.LONG,
                        "Link");
        WebhookAuthConfig.define(def);
        NotificationDeliveryConfig.define(def);
        MalformedRecordBehavior.define(def, BEHAVIOR_ON_MALFORMED_CONFIG, BEHAVIOR_ON_MALFORMED_WHAT);
        return def;
    }

    public List<ConfigProblem> crossFieldProblems() {
        List<ConfigProblem> problems = new ArrayList<>(WebhookAuthConfig.crossFieldProblems(this));
        TrustStoreConfig.crossFieldProblem(this, PREFIX).ifPresent(problems::add);
        problems.addAll(NotificationDeliveryConfig.crossFieldProblems(this));
        problems.addAll(prefixProblems(ALLOWED_URL_PREFIXES_CONFIG, allowedUrlPrefixes()));
        if (allowedUrlPrefixes().isEmpty()) {
            problems.add(new ConfigProblem(ALLOWED_URL_PREFIXES_CONFIG, "set " + ALLOWED_URL_PREFIXES_CONFIG
                    + " to the URL prefixes notifications may call, e.g. https://hooks.slack.com/services/; "
                    + "until it is set the webhook sink calls no URL"));
        }
        problems.addAll(WebhookAuthConfig.prefixProblems(this, allowList()));
        return problems;
    }

    /** One problem per entry that is not a URL prefix; the message says which entry, never its text. */
    static List<ConfigProblem> prefixProblems(String key, List<String> prefixes) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < prefixes.size(); i++) {
            int entry = i + 1;
            UrlAllowList.prefixProblem(prefixes.get(i)).ifPresent(problem -> problems.add(new ConfigProblem(key,
                    "entry " + entry + ": " + problem + ", e.g. https://hooks.example.com/alerts/")));
        }
        return problems;
    }

    /** The allow-list; empty (allowing nothing) when any entry is invalid, which validation reports. */
    public UrlAllowList allowList() {
        return allowListOf(allowedUrlPrefixes());
    }

    static UrlAllowList allowListOf(List<String> prefixes) {
        try {
            return new UrlAllowList(prefixes);
        } catch (IllegalArgumentException e) {
            return new UrlAllowList(List.of());
        }
    }

    List<String> allowedUrlPrefixes() {
        return nonBlank(getList(ALLOWED_URL_PREFIXES_CONFIG));
    }

    static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    public Duration timeout() {
        return Duration.ofMillis(getInt(TIMEOUT_MS_CONFIG));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS_CONFIG));
    }

    public WebhookFormat defaultFormat() {
        return WebhookFormat.parse(getString(FORMAT_DEFAULT_CONFIG));
    }

    public Template linkTemplate() {
        return Template.parse(getString(LINK_TEMPLATE_CONFIG));
    }

    /** The Authorization header value, if authentication is configured. */
    public Optional<Password> authorizationHeader() {
        return WebhookAuthConfig.authorizationHeader(this);
    }

    /** The URLs the Authorization header may be sent to ({@code webhook.auth.url.prefixes}). */
    public UrlAllowList authorizedUrls() {
        return allowListOf(WebhookAuthConfig.authUrlPrefixes(this));
    }

    public Optional<SSLContext> sslContext() {
        return TrustStoreConfig.sslContext(this, PREFIX);
    }

    public NotificationDeliveryConfig.Settings delivery() {
        return NotificationDeliveryConfig.Settings.from(this);
    }

    public MalformedRecordBehavior behaviorOnMalformed() {
        return MalformedRecordBehavior.from(this, BEHAVIOR_ON_MALFORMED_CONFIG);
    }
}
