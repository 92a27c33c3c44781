package io.alertstream.connectors.notification;

import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.template.Template;
import org.apache.kafka.common.config.ConfigDef;

/** Rejects a template config whose {@code {{placeholder}}} syntax ({@link Template}) is broken, with the position. */
public final class TemplateValidator implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            throw ConfigErrors.invalid(name, "a template is required (it may be empty)");
        }
        try {
            Template.parse(value.toString());
        } catch (IllegalArgumentException e) {
            throw ConfigErrors.invalid(name, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "text with {{placeholder}}s (README: Templates)";
    }
}
