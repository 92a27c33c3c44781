package io.alertstream.connectors.elasticsearch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which field mappings the index template declares, by kind of document the connector writes.
 *
 * <p>{@code event}: only the event-time field as {@code date}, plus {@code labels.*}/{@code group.*} as
 * {@code keyword}; the rest of a user event is mapped dynamically. {@code alert}: additionally the typed
 * fields of alertstream alerts. {@code counter}: the fields of window counters. {@code none}: no template.
 */
public enum TemplateProfile {
    EVENT, ALERT, COUNTER, NONE;

    public static TemplateProfile parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public static List<String> configValues() {
        return Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
    }
}
