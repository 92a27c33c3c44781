package io.alertstream.connectors;

import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnectorConfig;
import io.alertstream.connectors.email.EmailSinkConnector;
import io.alertstream.connectors.email.EmailSinkConnectorConfig;
import io.alertstream.connectors.probe.ProbeSourceConnector;
import io.alertstream.connectors.probe.ProbeSourceConnectorConfig;
import io.alertstream.connectors.redis.RedisSinkConnector;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.connectors.webhook.WebhookSinkConnector;
import io.alertstream.connectors.webhook.WebhookSinkConnectorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Generates the configuration reference of the connectors as Markdown, from their {@link ConfigDef}s.
 *
 * <p>Output: one table per config group (name, type, default, valid values, importance, documentation).
 * {@code main} prints it, or writes it to the file given as first argument; {@code CONFIGURATION.md} is
 * this output, and {@code ConnectorDocsTest} fails when the committed file no longer matches.
 */
public final class ConnectorDocs {
    /** Configured in the module POM (exec-maven-plugin): writes connectors/CONFIGURATION.md. */
    static final String REGENERATE = "mvn -B -pl template,connectors compile exec:java";

    private ConnectorDocs() {
    }

    public static void main(String[] args) throws IOException {
        String markdown = markdown();
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), markdown, StandardCharsets.UTF_8);
        } else {
            System.out.print(markdown);
        }
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# alertstream connectors: configuration reference\n\n")
                .append("Generated from the connectors' `ConfigDef`s by `io.alertstream.connectors.ConnectorDocs`; ")
                .append("do not edit by hand. Regenerate from the repository root with:\n\n")
                .append("    ").append(REGENERATE).append("\n\n")
                .append("Secrets (type `password`) are hidden by Connect in REST answers and logs; to read them from ")
                .append("the environment, configure the worker with `config.providers=env`, ")
                .append("`config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider` ")
                .append("and set e.g. `\"redis.password\": \"${env:REDIS_PASSWORD}\"`.\n\n");
        connector(out, "Elasticsearch sink", ElasticsearchSinkConnector.class, ElasticsearchSinkConnectorConfig.CONFIG_DEF);
        connector(out, "Redis counter sink", RedisSinkConnector.class, RedisSinkConnectorConfig.CONFIG_DEF);
        connector(out, "Email notification sink", EmailSinkConnector.class, EmailSinkConnectorConfig.CONFIG_DEF);
        connector(out, "Webhook notification sink", WebhookSinkConnector.class, WebhookSinkConnectorConfig.CONFIG_DEF);
        connector(out, "Uptime probe source", ProbeSourceConnector.class, ProbeSourceConnectorConfig.CONFIG_DEF);
        return out.toString();
    }

    private static void connector(StringBuilder out, String title, Class<?> connector, ConfigDef def) {
        out.append("## ").append(title).append("\n\n")
                .append("`connector.class=").append(connector.getName()).append("`\n\n");
        for (String group : def.groups()) {
            out.append("### ").append(group).append("\n\n")
                    .append("| Name | Type | Default | Valid values | Importance | Description |\n")
                    .append("|---|---|---|---|---|---|\n");
            List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
                    .filter(key -> group.equals(key.group))
                    .sorted(Comparator.comparingInt(key -> key.orderInGroup))
                    .toList();
            for (ConfigDef.ConfigKey key : keys) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                        .append(cell(defaultValue(key))).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase(Locale.ROOT)).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
            out.append('\n');
        }
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null || value instanceof Password) {
            return "(none)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(empty)" : "`" + String.join(",", list.stream().map(String::valueOf).toList()) + "`";
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
