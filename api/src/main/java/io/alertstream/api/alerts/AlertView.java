package io.alertstream.api.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.Ack;
import java.util.List;
import java.util.Map;

/**
 * A firing alert as {@code GET /v1/alerts} shows it: the fields of its last transition a reader needs
 * (the response shape is public API, described in the OpenAPI document), {@code silencedBy}: the ids of the
 * active silences matching it now, {@code inhibitedBy}: the keys of the firing alerts whose inhibit rules (in the
 * routing file) hold back its notifications now, and {@code acknowledgedBy}: who acknowledged its current firing
 * episode (its {@code startsAt}; an ack of an earlier episode does not count).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertView(String alertKey, String ruleId, String status, String level, Double value, Double threshold,
                        Map<String, Object> group, Map<String, String> labels, List<String> owners, List<String> recipients,
                        String startsAt, String at, String summary, List<String> silencedBy, List<String> acknowledgedBy,
                        List<String> inhibitedBy) {

    /** Not silenced, not acknowledged. */
    public static AlertView of(Alert a) {
        return of(a, List.of());
    }

    /** @param silencedBy the ids of the active silences that match it (the engine holds back its notifications) */
    public static AlertView of(Alert a, List<String> silencedBy) {
        return new AlertView(a.alertKey(), a.ruleId(), a.status(), a.level(), a.value(), a.threshold(), a.group(), a.labels(),
                a.owners(), a.recipients(), a.startsAt(), a.at(), a.summary(), silencedBy, List.of(), List.of());
    }

    /** The view of a firing alert with the silences and inhibitions in force now and the acks of its current episode. */
    public static AlertView of(Alert a, io.alertstream.topology.silence.SilenceCatalog silences, long now, List<Ack> acks) {
        Map<String, String> labels = io.alertstream.topology.silence.MatchLabels.of(a);
        List<String> silencedBy = silences == null ? List.of() : silences.silencing(labels, now);
        List<String> inhibitedBy = silences == null ? List.of() : silences.firing().inhibitors(a.alertKey(), labels);
        List<String> acknowledgedBy = acks.stream().filter(k -> k.covers(a.startsAt())).map(Ack::user).distinct().toList();
        return new AlertView(a.alertKey(), a.ruleId(), a.status(), a.level(), a.value(), a.threshold(), a.group(), a.labels(),
                a.owners(), a.recipients(), a.startsAt(), a.at(), a.summary(), silencedBy, acknowledgedBy, inhibitedBy);
    }
}
