package io.alertstream.connectors.probe;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the value of a probe result record from a target, the scheduled slot and the outcome.
 *
 * <p>Output: a schemaless map (written as a JSON object by the JsonConverter with schemas.enable=false) with
 * the fields kind, target, url, owner, owners, status, ok, latency_ms, error, location, timestamp,
 * scheduled_ms, threshold, latency_threshold_ms, maintenance, cert_expires_in_days. Semantics: {@code ok}
 * when the status is in the expected range, the answer came within the timeout and the body check passed;
 * {@code error} is null when ok, else the first reason: the outcome's transport error (timeout, dns, tls,
 * connect, io, blocked), then unexpected-status, then body-mismatch.
 */
final class ProbeResults {
    static final String UNEXPECTED_STATUS = "unexpected-status";
    static final String BODY_MISMATCH = "body-mismatch";

    private ProbeResults() {
    }

    static Map<String, Object> result(ProbeTarget target, long scheduledMs, ProbeOutcome outcome, String location) {
        String error = outcome.error();
        if (error == null && (outcome.status() < target.expectedMin() || outcome.status() > target.expectedMax())) {
            error = UNEXPECTED_STATUS;
        }
        if (error == null && target.bodyContains() != null && !outcome.body().contains(target.bodyContains())) {
            error = BODY_MISMATCH;
        }
        Instant scheduled = Instant.ofEpochMilli(scheduledMs);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("kind", "probe");
        value.put("target", target.id());
        value.put("url", target.url().toString());
        value.put("owner", target.owner());
        value.put("owners", target.owners());
        value.put("status", outcome.status());
        value.put("ok", error == null);
        value.put("latency_ms", outcome.latencyMs());
        value.put("error", error);
        value.put("location", location);
        value.put("timestamp", scheduled.toString());
        value.put("scheduled_ms", scheduledMs);
        value.put("threshold", target.threshold());
        value.put("latency_threshold_ms", target.latencyThresholdMs());
        value.put("maintenance", target.inMaintenance(scheduled));
        value.put("cert_expires_in_days", "https".equalsIgnoreCase(target.url().getScheme())
                ? outcome.certExpiresInDays() : null);
        return value;
    }
}
