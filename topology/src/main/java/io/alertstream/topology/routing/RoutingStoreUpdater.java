package io.alertstream.topology.routing;

import io.alertstream.topology.StoreNames;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global routing store and the {@link RoutingCatalog} in step with the routing topic (key
 * {@value RoutingFile#TOPIC_KEY}, value the routing file's YAML). The value is read with the same
 * reader as the file, so a bad record (written by hand, or by an older version) is logged with
 * {@code file:line:column} problems and the routing in force keeps running. A tombstone removes the
 * routing: no notifications, no scheduled digests. On start the catalog is rebuilt from the restored store.
 */
public final class RoutingStoreUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStoreUpdater.class);
    private final RoutingCatalog catalog;
    private KeyValueStore<String, String> store;

    public RoutingStoreUpdater(RoutingCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(StoreNames.ROUTING);
        String source = store.get(RoutingFile.TOPIC_KEY);
        if (source != null && apply(source)) {
            LOG.info("Routing loaded from the routing store: {} receivers", catalog.current().receivers().size());
        }
    }

    @Override
    public void process(Record<String, String> record) {
        if (!RoutingFile.TOPIC_KEY.equals(record.key())) {
            LOG.warn("Ignoring a record keyed '{}' on the routing topic (the only key is '{}')", record.key(), RoutingFile.TOPIC_KEY);
            return;
        }
        if (record.value() == null) {
            store.delete(RoutingFile.TOPIC_KEY);
            catalog.set(RoutingSpec.NONE);
            LOG.info("Routing removed: no notifications are computed until a routing file is published");
            return;
        }
        if (apply(record.value())) {
            store.put(RoutingFile.TOPIC_KEY, record.value());
            LOG.info("Routing updated: {} receivers", catalog.current().receivers().size());
        }
    }

    private boolean apply(String source) {
        RoutingReader.Result read = RoutingReader.read("routing topic", source);
        if (!read.ok()) {
            LOG.error("The routing on the routing topic is invalid and was ignored; the routing in force keeps running: {}",
                    read.problems());
            return false;
        }
        catalog.set(read.spec());
        return true;
    }
}
