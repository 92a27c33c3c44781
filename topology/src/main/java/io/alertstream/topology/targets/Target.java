package io.alertstream.topology.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One uptime target, as it stands on the compacted {@code targets} topic (keyed by {@code id}) and as the
 * probe connector reads it. The JSON shape is a contract with the connector: every field is always written,
 * the optional ones as {@code null}, durations in milliseconds.
 *
 * @param owner      the user who created it (or the file's {@code owner}); may change it and see its stats
 * @param owners     users who receive its alerts and may read and change it too
 * @param threshold  failed checks within 5 minutes that make it fail (read by the uptime rules)
 * @param createdAt  ISO-8601 instant; {@code updatedAt} likewise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "owner", "url", "method", "interval_ms", "timeout_ms", "expected_status", "threshold",
        "latency_threshold_ms", "body_contains", "owners", "maintenance", "created_at", "updated_at"})
public record Target(String id, String owner, String url, String method,
                     @JsonProperty("interval_ms") long intervalMs,
                     @JsonProperty("timeout_ms") long timeoutMs,
                     @JsonProperty("expected_status") StatusRange expectedStatus,
                     int threshold,
                     @JsonProperty("latency_threshold_ms") Long latencyThresholdMs,
                     @JsonProperty("body_contains") String bodyContains,
                     List<String> owners,
                     List<Maintenance> maintenance,
                     @JsonProperty("created_at") String createdAt,
                     @JsonProperty("updated_at") String updatedAt) {

    /** HTTP status codes that count as up, both ends included. */
    public record StatusRange(int min, int max) {
    }

    /** A maintenance window, ISO-8601 instants, {@code start < end}: probes in it are marked, not skipped. */
    public record Maintenance(String start, String end) {
    }

    /** The same target under another id, owner and times (a file entry or a PUT keeps what the caller cannot set). */
    public Target with(String newId, String newOwner, String created, String updated) {
        return new Target(newId, newOwner, url, method, intervalMs, timeoutMs, expectedStatus, threshold, latencyThresholdMs,
                bodyContains, owners, maintenance, created, updated);
    }

    /** Whether {@code user} created it or is one of its owners. */
    public boolean ownedBy(String user) {
        return user != null && (user.equals(owner) || (owners != null && owners.contains(user)));
    }
}
