package io.alertstream.topology.silence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.sourcefile.YamlValues;
import io.alertstream.topology.support.RateLimitedLog;
import io.alertstream.topology.targets.FieldProblem;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global silences store and the {@link SilenceCatalog} in step with the compacted {@code silences}
 * topic (key the silence id, value its JSON; a tombstone forgets it; a key {@code <id>#matched} says an
 * until-resolved silence has matched, see {@link SilenceCatalog}). A value that is not a valid silence, or
 * whose id is not its key, is logged (rate-limited, with the problems, never the value) and ignored, so the
 * silence in force keeps running. On start the catalog is rebuilt from the restored store. Never throws: this
 * runs on the global thread.
 */
public final class SilenceStoreUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(SilenceStoreUpdater.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SilenceCatalog catalog;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> store;

    public SilenceStoreUpdater(SilenceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.SILENCES);
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (isMark(kv.key)) {
                    catalog.markMatched(idOfMark(kv.key), kv.value);
                    return;
                }
                Silence s = parse(kv.key, kv.value);
                if (s != null) {
                    catalog.put(s);
                }
            });
        }
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (isMark(record.key())) {
            catalog.markMatched(idOfMark(record.key()), record.value());
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            return;
        }
        if (record.value() == null) {
            catalog.remove(record.key());
            store.delete(record.key());
            return;
        }
        Silence s = parse(record.key(), record.value());
        if (s != null) {
            // The catalog first: whoever sees the store (the API's reads after a write) must find the catalog current.
            catalog.put(s);
            store.put(record.key(), record.value());
        }
    }

    /** Whether a key of the silences topic is an until-resolved silence's matched record ({@link SilenceCatalog#MATCHED_SUFFIX}). */
    public static boolean isMark(String key) {
        return key.endsWith(SilenceCatalog.MATCHED_SUFFIX);
    }

    private static String idOfMark(String key) {
        return key.substring(0, key.length() - SilenceCatalog.MATCHED_SUFFIX.length());
    }

    /** The silence, or null (logged) when the value is not a valid one. */
    static Silence parse(String key, String value) {
        try {
            Silence s = JSON.readValue(value, Silence.class);
            List<FieldProblem> problems = SilenceValidator.validate(s);
            if (problems.isEmpty() && key.equals(s.id())) {
                return s;
            }
            LOG.warn("Silence '{}' on the silences topic is invalid and was ignored: {}", YamlValues.clip(key),
                    problems.isEmpty() ? "its id is not its key" : problems);
        } catch (Exception e) {
            LOG.warn("Silence '{}' on the silences topic is not readable JSON and was ignored: {}", YamlValues.clip(key),
                    e.getClass().getSimpleName());
        }
        return null;
    }
}
