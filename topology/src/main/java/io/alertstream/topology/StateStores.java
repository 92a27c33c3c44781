package io.alertstream.topology;

import io.alertstream.topology.digest.UserAlarms;
import io.alertstream.topology.digest.UserAlarmsSerde;
import io.alertstream.topology.model.AbsenceState;
import io.alertstream.topology.model.AbsenceStateSerde;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.AlertStateSerde;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.notify.AlertLifecycle;
import io.alertstream.topology.notify.NotificationGroup;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Every state store of the application, in one place: its name ({@link StoreNames}, where each is documented), key and
 * value format, whether it lives in RocksDB or in memory, and whether it is cached and logged. The sub-topologies add
 * these builders; {@code StateStoresTest} checks that the topology uses exactly these. Index stores (which windows,
 * groups or alarms are due next) are keyed by {@link Bytes} in {@code support.TimeOrderedIndex}'s order.
 *
 * <p>Caching is on where a record updates the same key several times per commit (alert state, pre-aggregates,
 * indices written and deleted within one interval); global stores are not logged, their topic is their changelog.
 */
public final class StateStores {
    private StateStores() {
    }

    /** In memory (still logged): one small entry per input partition of the task, written once per watermark interval. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> sourceClock() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.SOURCE_CLOCK), Serdes.String(), Serdes.ByteArray());
    }

    /**
     * In memory (still logged): it only ever holds the partials of one interval, and a RocksDB store would flush a
     * memtable on every commit of every upstream task.
     */
    public static StoreBuilder<KeyValueStore<String, byte[]>> preAggregates() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PRE_AGGREGATES), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, String>> rules() {
        return global(StoreNames.RULES);
    }

    public static StoreBuilder<KeyValueStore<String, AlertState>> alertState() {
        return persistent(StoreNames.ALERT_STATE, Serdes.String(), new AlertStateSerde()).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> closeIndex() {
        return index(StoreNames.CLOSE_INDEX).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, AbsenceState>> absenceState() {
        return persistent(StoreNames.ABSENCE_STATE, Serdes.String(), new AbsenceStateSerde()).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> absenceDueIndex() {
        return index(StoreNames.ABSENCE_DUE_INDEX).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<Integer, byte[]>> watermarks() {
        return persistent(StoreNames.WATERMARKS, Serdes.Integer(), Serdes.ByteArray());
    }

    public static StoreBuilder<KeyValueStore<String, byte[]>> pendingCounters() {
        return persistent(StoreNames.PENDING_COUNTERS, Serdes.String(), Serdes.ByteArray()).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, String>> ruleRegistry() {
        return persistent(StoreNames.RULE_REGISTRY, Serdes.String(), Serdes.String());
    }

    public static StoreBuilder<KeyValueStore<String, String>> routing() {
        return global(StoreNames.ROUTING);
    }

    public static StoreBuilder<KeyValueStore<String, NotificationGroup>> notifyGroups() {
        return persistent(StoreNames.NOTIFY_GROUPS, Serdes.String(), new JsonSerde<>(NotificationGroup.class));
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> notifyDue() {
        return index(StoreNames.NOTIFY_DUE);
    }

    public static StoreBuilder<KeyValueStore<String, AlertLifecycle>> notifyLifecycle() {
        return persistent(StoreNames.NOTIFY_LIFECYCLE, Serdes.String(), new JsonSerde<>(AlertLifecycle.class));
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> notifyLifecycleDue() {
        return index(StoreNames.NOTIFY_LIFECYCLE_DUE);
    }

    public static StoreBuilder<KeyValueStore<String, String>> notifyAcks() {
        return global(StoreNames.NOTIFY_ACKS);
    }

    public static StoreBuilder<KeyValueStore<String, String>> silences() {
        return global(StoreNames.SILENCES);
    }

    public static StoreBuilder<KeyValueStore<String, String>> notifyFiring() {
        return global(StoreNames.NOTIFY_FIRING);
    }

    public static StoreBuilder<KeyValueStore<String, String>> notifySuppressed() {
        return persistent(StoreNames.NOTIFY_SUPPRESSED, Serdes.String(), Serdes.String());
    }

    public static StoreBuilder<KeyValueStore<String, String>> silenceNotices() {
        return persistent(StoreNames.SILENCE_NOTICES, Serdes.String(), Serdes.String());
    }

    public static StoreBuilder<KeyValueStore<String, UserAlarms>> digestUserAlarms() {
        return persistent(StoreNames.DIGEST_USER_ALARMS, Serdes.String(), new UserAlarmsSerde()).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> digestClearedIndex() {
        return index(StoreNames.DIGEST_CLEARED_INDEX).withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, Long>> digestSchedule() {
        return persistent(StoreNames.DIGEST_SCHEDULE, Serdes.String(), Serdes.Long());
    }

    /** Every store above, for the registry's own test. */
    static List<StoreBuilder<?>> all() {
        return List.of(sourceClock(), preAggregates(), rules(), alertState(), closeIndex(), absenceState(), absenceDueIndex(),
                watermarks(), pendingCounters(), ruleRegistry(), routing(), notifyGroups(), notifyDue(), notifyLifecycle(),
                notifyLifecycleDue(), notifyAcks(), silences(), notifyFiring(), notifySuppressed(), silenceNotices(),
                digestUserAlarms(), digestClearedIndex(), digestSchedule());
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> persistent(String name, Serde<K> key, Serde<V> value) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), key, value);
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> index(String name) {
        return persistent(name, Serdes.Bytes(), Serdes.ByteArray());
    }

    /** A global store: every instance reads its whole topic, which is its changelog (so no logging of its own). */
    private static StoreBuilder<KeyValueStore<String, String>> global(String name) {
        return persistent(name, Serdes.String(), Serdes.String()).withLoggingDisabled();
    }
}
