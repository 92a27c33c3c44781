package io.alertstream.api.targets;

import io.alertstream.api.ApiStores;
import java.time.Duration;
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
 * stop the stats. A result older than the store's retention is dropped by the store.
 */
final class ProbeBucketer implements Processor<String, String, Void, Void> {
    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final Logger LOG = LoggerFactory.getLogger(ProbeBucketer.class);
    private WindowStore<String, ProbeBucket> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
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
        long hour = Math.floorDiv(result.get().timestampMs(), HOUR_MS) * HOUR_MS;
        ProbeBucket bucket = store.fetch(record.key(), hour);
        if (bucket == null) {
            bucket = new ProbeBucket();
        }
        bucket.add(result.get().ok(), result.get().latencyMs());
        store.put(record.key(), bucket, hour);
    }
}
