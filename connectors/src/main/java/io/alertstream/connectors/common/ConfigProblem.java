package io.alertstream.connectors.common;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * A cross-field configuration problem, attached to the key the operator should change.
 *
 * <p>{@link #attach} adds problems to the result of {@code Connector.validate}, so the Connect REST API
 * ({@code PUT /connector-plugins/.../config/validate}) and {@code PUT /connectors/.../config} report them.
 */
public record ConfigProblem(String key, String message) {

    public static Config attach(Config config, List<ConfigProblem> problems) {
        Map<String, ConfigValue> byName = new java.util.HashMap<>();
        config.configValues().forEach(value -> byName.put(value.name(), value));
        for (ConfigProblem problem : problems) {
            ConfigValue value = byName.get(problem.key());
            if (value == null) {
                value = new ConfigValue(problem.key());
                config.configValues().add(value);
                byName.put(problem.key(), value);
            }
            value.addErrorMessage(problem.message());
        }
        return config;
    }

    /** True when single-key validation already failed: cross-field checks would only add noise then. */
    public static boolean hasErrors(Config config) {
        return config.configValues().stream().anyMatch(value -> !value.errorMessages().isEmpty());
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
