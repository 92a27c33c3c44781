package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.watermark.SourceBacklog;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;

/**
 * The store registry is the topology's: every store the application's topology holds is built by {@link StateStores}
 * and named in {@link StoreNames}, and neither lists a store the topology does not use.
 */
class StateStoresTest {

    @Test
    void shouldBuildExactlyTheStoresTheTopologyHoldsAndStoreNamesLists() throws IllegalAccessException {
        Set<String> registered = new TreeSet<>();
        for (StoreBuilder<?> b : StateStores.all()) {
            registered.add(b.name());
        }

        assertThat(topologyStores(withPreAggregation())).isEqualTo(registered);
        assertThat(storeNames()).isEqualTo(registered);
    }

    @Test
    void shouldLogEveryStoreButTheGlobalOnesWhoseTopicIsTheirChangelog() {
        Set<String> unlogged = new TreeSet<>();
        for (StoreBuilder<?> b : StateStores.all()) {
            if (!b.loggingEnabled()) {
                unlogged.add(b.name());
            }
        }

        assertThat(unlogged).containsExactlyInAnyOrder(StoreNames.RULES, StoreNames.ROUTING, StoreNames.SILENCES,
                StoreNames.NOTIFY_FIRING, StoreNames.NOTIFY_ACKS);
    }

    private static AlertTopologyConfig withPreAggregation() {
        Properties p = new Properties();
        p.put(AlertTopologyConfig.PREAGGREGATE_INTERVAL_CONFIG, "1s");
        return AlertTopologyConfig.from(p);
    }

    private static Set<String> topologyStores(AlertTopologyConfig config) {
        TopologyDescription description = AlertTopology.build(config, SourceBacklog.unknown()).describe();
        Set<String> stores = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }
        }
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        return stores;
    }

    private static Set<String> storeNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Field f : StoreNames.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                names.add((String) f.get(null));
            }
        }
        return names;
    }
}
