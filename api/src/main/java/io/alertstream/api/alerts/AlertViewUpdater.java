package io.alertstream.api.alerts;

import io.alertstream.api.ApiStores;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.support.RateLimitedLog;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one alert transition to the API's stores. The firing store follows only a transition newer
 * (by {@code at}) than the newest one seen for the key: FIRING upserts, RESOLVED deletes, so a replay
 * or a reordering never resurrects a resolved alert. Every transition goes into the recent
 * transitions (bounded, deduplicated by id) and the history store (keyed by alert key and id, so a
 * replay writes the same entry again). A record that is not an alert transition (bad JSON, no key,
 * no id, unknown status, no parsable {@code at}) is skipped with a rate-limited warning.
 */
final class AlertViewUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertViewUpdater.class);
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, 60_000);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Alert> firing;
    private KeyValueStore<String, Transitions> transitions;
    private WindowStore<String, Alert> history;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.firing = context.getStateStore(ApiStores.FIRING);
        this.transitions = context.getStateStore(ApiStores.TRANSITIONS);
        this.history = context.getStateStore(ApiStores.HISTORY);
    }

    @Override
    public void process(Record<String, String> record) {
        Alert alert;
        long at;
        try {
            alert = parse(record);
            at = AlertTimes.atMillis(alert);
        } catch (Exception e) {
            String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
            warnings.warn("malformed", System.currentTimeMillis(), "Skipped a record of the alerts topic at {} that is not an alert transition: {}",
                    where, e.getMessage());
            return;
        }
        String key = record.key();
        Transitions known = transitions.get(key);
        known = known == null ? Transitions.empty() : known;
        if (known.contains(alert.id())) {
            return;
        }
        Alert latest = known.latest();
        boolean newest = latest == null || at > AlertTimes.atMillis(latest);
        transitions.put(key, known.with(alert));
        history.put(AlertViews.historyKey(key, alert.id()), alert, at);
        if (newest) {
            if (Alert.FIRING.equals(alert.status())) {
                firing.put(key, alert);
            } else {
                firing.delete(key);
            }
        }
    }

    private static Alert parse(Record<String, String> record) throws Exception {
        if (record.key() == null || record.value() == null) {
            throw new IllegalArgumentException("no key or no value");
        }
        Alert alert = Alert.fromJson(record.value());
        if (alert.id() == null || !(Alert.FIRING.equals(alert.status()) || Alert.RESOLVED.equals(alert.status()))) {
            throw new IllegalArgumentException("no id, or status not FIRING or RESOLVED");
        }
        return alert;
    }
}
