package io.alertstream.api;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The configuration reference of {@code alertstream api} as a Markdown table, generated from
 * {@link ApiConfig#CONFIG_DEF} in definition order (name, type, default, valid values, description).
 * The README embeds it between {@code generated:api-configuration} markers and {@code ApiConfigDocsTest}
 * fails when the two differ; {@code main} prints it.
 */
public final class ApiConfigDocs {
    private ApiConfigDocs() {
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder("| key | type | default | valid values | meaning |\n|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : ApiConfig.CONFIG_DEF.configKeys().values()) {
            out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(cell(defaultValue(key))).append(" | ")
                    .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                    .append(cell(key.documentation)).append(" |\n");
        }
        return out.toString();
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
