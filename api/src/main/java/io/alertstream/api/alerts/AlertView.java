package io.alertstream.api.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alertstream.topology.model.Alert;
import java.util.List;
import java.util.Map;

/**
 * A firing alert as {@code GET /v1/alerts} shows it: the fields of its last transition a reader needs
 * (the response shape is public API, described in the OpenAPI document).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertView(String alertKey, String ruleId, String status, String level, Double value, Double threshold,
                        Map<String, Object> group, Map<String, String> labels, List<String> owners, List<String> recipients,
                        String startsAt, String at, String summary) {

    public static AlertView of(Alert a) {
        return new AlertView(a.alertKey(), a.ruleId(), a.status(), a.level(), a.value(), a.threshold(), a.group(), a.labels(),
                a.owners(), a.recipients(), a.startsAt(), a.at(), a.summary());
    }
}
