package io.alertstream.connectors.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Validator and recommender for a string config that takes one of a fixed set of values. Matching ignores
 * case; the choices are listed as given.
 *
 * <p>Used for enum-like keys such as {@code behavior.on.malformed.documents}, so the Connect REST
 * validation and UIs show the allowed values, and a typo fails with a message listing them.
 */
public final class ChoiceValidator implements ConfigDef.Validator, ConfigDef.Recommender {
    private final List<String> choices;

    private final List<String> normalized;

    private ChoiceValidator(List<String> choices) {
        this.choices = List.copyOf(choices);
        this.normalized = choices.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    public static ChoiceValidator of(List<String> choices) {
        return new ChoiceValidator(choices);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || !normalized.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
            throw ConfigErrors.invalid(name, "must be one of " + choices);
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return new ArrayList<>(choices);
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return String.join(", ", choices);
    }
}
