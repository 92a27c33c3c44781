package io.alertstream.connectors.email;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Rejects a template config whose {@code {{placeholder}}} syntax is broken, with the position. */
public final class TemplateValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, "A template is required (it may be empty)");
        }
        try {
            PlaceholderTemplate.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "text with {{placeholder}}s";
    }
}
