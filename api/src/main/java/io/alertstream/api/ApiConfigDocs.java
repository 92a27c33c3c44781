package io.alertstream.api;

import io.alertstream.topology.runtime.ConfigTable;

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
        return ConfigTable.markdown(ApiConfig.CONFIG_DEF);
    }
}
