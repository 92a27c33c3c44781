package io.alertstream.api.targets;

import io.alertstream.api.ApiStores;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: probe results keyed by target id (JSON text). Output: the target's bucket of the hour the check ran
 * in ({@link ApiStores#PROBE_STATS}, window start = the hour), updated in place. A value that is not a probe
 * result is skipped with a log line: the probes topic is another component's output, one bad record must not
 * stop the stats. A result older than the store's retention is dropped by the store. A result dated more than
 * {@link #MAX_AHEAD} after this instance's clock is skipped with a log line: the store expires by the newest hour
 * it holds, so one result of a prober with a wrong clock (or a year-2099 timestamp) would otherwise drop the stats
 * of every target of the partition, and the results after it.
 */
final class ProbeBucketer implements Processor<String, String, Void, Void> {
    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /** How far ahead of the wall clock a result may be dated (clock skew between the probers and the API). */
    static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ProbeBucketer.class);
    private WindowStore<String, ProbeBucket> store;
    private ProcessorContext<Void, Void> context;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(ApiStores.PROBE_STATS);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null) {
            return;
        }
        var result = ProbeResult.parse(record.value(), record.timestamp());
        if (result.isEmpty()) {
            LOG.warn("Skipped a record of target '{}' on the probes topic that is not a probe result", record.key());
            return;
        }
        long at = result.get().timestampMs();
        long now = context.currentSystemTimeMs();
        if (at > now + MAX_AHEAD.toMillis()) {
            LOG.warn("Skipped a probe result of target '{}' dated {}, more than {} after this instance's clock ({})",
                    record.key(), Instant.ofEpochMilli(at), MAX_AHEAD, Instant.ofEpochMilli(now));
            return;
        }
        long hour = Math.floorDiv(at, HOUR_MS) * HOUR_MS;
        ProbeBucket bucket = store.fetch(record.key(), hour);
        if (bucket == null) {
            bucket = new ProbeBucket();
        }
        bucket.add(result.get().ok(), result.get().latencyMs());
        store.put(record.key(), bucket, hour);
    }
}
