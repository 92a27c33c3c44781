package io.alertstream.api.notifications;

import io.alertstream.api.ApiStores;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds what one notification said about one alert (keyed by alert key, after the repartition) to the alert's bounded
 * history ({@link ApiStores#NOTIFICATIONS}) and keeps {@link ApiStores#FLAPPING} in step with it: the alert is there
 * exactly while the newest notification kept for it is the engine's flapping notice, so listing the flapping alerts
 * reads a small store instead of every history. A replayed notification (same id) changes nothing.
 */
final class NotificationHistoryUpdater implements Processor<String, NotificationReader.Named, Void, Void> {
    private KeyValueStore<String, SentNotifications> history;
    private KeyValueStore<String, io.alertstream.topology.model.Alert> flapping;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.history = context.getStateStore(ApiStores.NOTIFICATIONS);
        this.flapping = context.getStateStore(ApiStores.FLAPPING);
    }

    @Override
    public void process(Record<String, NotificationReader.Named> record) {
        NotificationReader.Named named = record.value();
        if (record.key() == null || named == null) {
            return;
        }
        SentNotifications known = history.get(record.key());
        known = known == null ? SentNotifications.empty() : known;
        SentNotifications next = known.with(named.sent(), named.alert());
        if (next == known) {
            return;
        }
        history.put(record.key(), next);
        if (next.flapping()) {
            flapping.put(record.key(), next.alert());
        } else if (known.flapping()) {
            flapping.delete(record.key());
        }
    }
}
