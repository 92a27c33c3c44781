package io.alertstream.connectors.probe;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * One uptime target, as parsed from a record of the {@code targets} topic by {@link TargetParser}.
 *
 * <p>Semantics: the target is checked every {@code intervalMs}; a check is {@code ok} when the status is in
 * [{@code expectedMin}, {@code expectedMax}], the answer came within {@code timeoutMs} (never more than the
 * interval, so a target has at most one check in flight) and, if set, the body contains {@code bodyContains}.
 * {@code threshold} and {@code latencyThresholdMs} are not evaluated here: they travel with every result so the
 * engine can alert without reading the targets topic.
 */
public record ProbeTarget(String id, String owner, URI url, String method, long intervalMs, long timeoutMs,
                          int expectedMin, int expectedMax, int threshold, Long latencyThresholdMs,
                          String bodyContains, List<String> owners, List<Window> maintenance) {

    public ProbeTarget {
        owners = List.copyOf(owners);
        maintenance = List.copyOf(maintenance);
    }

    /** True when one of the target's maintenance windows covers {@code at} (start inclusive, end exclusive). */
    public boolean inMaintenance(Instant at) {
        return maintenance.stream().anyMatch(window -> window.covers(at));
    }

    /** A maintenance window, [start, end). */
    public record Window(Instant start, Instant end) {
        boolean covers(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }
}
