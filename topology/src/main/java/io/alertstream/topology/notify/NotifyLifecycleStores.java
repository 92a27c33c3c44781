package io.alertstream.topology.notify;

import io.alertstream.topology.StateStores;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.Topics;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The stores of the flapping and escalation stage ({@link AlertLifecycleStage}): its logged state and due
 * index, and the global store of acknowledgements read from the compacted {@code acks} topic.
 *
 * <p>Why a global store for acks, not a table co-partitioned with {@code alerts}: acks are few (one per
 * acknowledged alert, compacted to the latest) and are only looked at when an escalation is due, so every
 * instance holding all of them costs little; and it does not depend on the acks topic having the alerts
 * topic's partition count and partitioner (the API writes it with its own producer), which a co-partitioned
 * table would, silently missing acks when they differ. The topic is the store's changelog, so a restart
 * reads every ack again. An ack is seen milliseconds after the API writes it; an escalation due in that
 * instant may still go out.
 */
final class NotifyLifecycleStores {
    private NotifyLifecycleStores() {
    }

    /** Adds the stores; returns the names the stage connects to (the global acks store any processor may read). */
    static String[] addTo(StreamsBuilder builder, NotifyConfig config) {
        builder.addStateStore(StateStores.notifyLifecycle());
        builder.addStateStore(StateStores.notifyLifecycleDue());
        builder.addGlobalStore(StateStores.notifyAcks(),
                config.acksTopic(),
                Topics.ACKS.consumed("notify-acks-source"),
                AckStoreUpdater::new);
        return new String[] {StoreNames.NOTIFY_LIFECYCLE, StoreNames.NOTIFY_LIFECYCLE_DUE}; // a global store is not connected
    }
}
