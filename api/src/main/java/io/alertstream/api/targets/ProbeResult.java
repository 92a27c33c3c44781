package io.alertstream.api.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What the stats need of one probe result of the probe connector
 * ({@code {"kind":"probe","target","ok","latency_ms","timestamp","maintenance",...}}): whether the check
 * succeeded, its latency (only of a check that got an HTTP answer, {@code status} a number: the connector's
 * {@code latency_ms} of a dns, connect, tls or timeout failure is how long it took to fail), and when it ran
 * ({@code timestamp}: ISO-8601 or epoch milliseconds; the record's timestamp when absent). Results in a
 * maintenance window count like any other.
 */
record ProbeResult(boolean ok, Double latencyMs, long timestampMs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The result, or empty when the value is not a probe result (skipped, never a stopped thread). */
    static Optional<ProbeResult> parse(String value, long recordTimestamp) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject() || !n.path("ok").isBoolean()) {
                return Optional.empty();
            }
            JsonNode lat = n.path("latency_ms");
            // The connector writes a latency for every check, also one that got no answer (dns, blocked: 0; connect,
            // tls, timeout: the time until it failed). That is no latency of the target: only answered checks count.
            Double latency = lat.isNumber() && n.path("status").isNumber() ? lat.asDouble() : null;
            JsonNode ts = n.path("timestamp");
            long at = ts.isNumber() ? ts.asLong() : ts.isTextual() ? Instant.parse(ts.asText()).toEpochMilli() : recordTimestamp;
            return Optional.of(new ProbeResult(n.get("ok").asBoolean(), latency, at));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
