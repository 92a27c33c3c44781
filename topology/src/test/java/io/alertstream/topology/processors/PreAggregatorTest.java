package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.FanOutSerde;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.rules.RuleSetLoader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pre-aggregation on its own: partials per slot, sent before the watermark that follows them, nothing lost. */
class PreAggregatorTest {
    private static final long T0 = 1_767_225_600_000L;
    private final RuleCatalog catalog = new RuleCatalog();
    private CompiledRule rule;
    private MockProcessorContext<String, FanOut> context;
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void setUp() {
        rule = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: lat
                    group_by: [svc]
                    window: {size: 30s, advance: 10s}
                    aggregate: {function: max, field: ms}
                    triggers:
                      warning: {above: 100}
                """)).rules().get(0);
        catalog.put(rule);
        context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.PRE_AGGREGATES), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    void shouldSendTheFirstMatchOfASlotAtOnceAndGatherTheRestBeforeTheWatermark() {
        PreAggregator p = started();
        p.process(match("lat|a", T0 + 1_000, 50));    // first of its slot in this interval: at once
        p.process(match("lat|a", T0 + 5_000, 300));   // same 10 s slot: gathered
        p.process(match("lat|a", T0 + 9_000, 20));    // gathered
        p.process(match("lat|a", T0 + 12_000, 70));   // next slot, first: at once
        assertThat(context.forwarded()).extracting(f -> (Object) f.record().value())
                .containsExactly(new FanOut.Match(T0 + 1_000, rule.stateFingerprint(), 50, 0),
                        new FanOut.Match(T0 + 12_000, rule.stateFingerprint(), 70, 0));
        context.resetForwards();

        p.process(new Record<>("", new FanOut.Watermark(0, 1, T0 + 12_000, false), T0 + 12_000));

        List<FanOut> out = context.forwarded().stream().map(f -> (FanOut) f.record().value()).toList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOfSatisfying(FanOut.Partial.class, partial -> {
            assertThat(partial.slotStart()).isEqualTo(T0);
            assertThat(partial.lastEventTime()).isEqualTo(T0 + 9_000);
            assertThat(partial.aggregate().count()).isEqualTo(2);
            assertThat(partial.aggregate().value(rule.spec().aggregation())).isEqualTo(300.0);
        });
        assertThat(out.get(1)).as("the watermark after everything it speaks for").isInstanceOf(FanOut.Watermark.class);
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldSendAGatheredMatchAloneAsTheMatchItWasAndStartAfreshAfterAFlush() {
        PreAggregator p = started();
        p.process(match("lat|a", T0 + 1_000, 50));
        p.process(match("lat|a", T0 + 2_000, 60));
        p.process(new Record<>("", new FanOut.Watermark(0, 1, T0 + 2_000, false), T0 + 2_000));
        p.process(match("lat|a", T0 + 3_000, 70)); // a new interval: first again
        assertThat(context.forwarded()).extracting(f -> (Object) f.record().value()).containsExactly(
                new FanOut.Match(T0 + 1_000, rule.stateFingerprint(), 50, 0),
                new FanOut.Match(T0 + 2_000, rule.stateFingerprint(), 60, 0),
                new FanOut.Watermark(0, 1, T0 + 2_000, false),
                new FanOut.Match(T0 + 3_000, rule.stateFingerprint(), 70, 0));
    }

    @Test
    void shouldSendWhatACrashLeftInTheStoreAfterARestart() {
        PreAggregator crashed = started();
        crashed.process(match("lat|b", T0 + 1_000, 5));   // sent at once
        crashed.process(match("lat|b", T0 + 2_000, 10));  // gathered, in the store
        crashed.process(match("lat|b", T0 + 3_000, 20));  // gathered, in the store; then the instance dies
        context.resetForwards();
        PreAggregator restarted = started();
        restarted.process(new Record<>("", new FanOut.Watermark(0, 1, T0 + 5_000, false), T0 + 5_000));
        List<FanOut> out = context.forwarded().stream().map(f -> (FanOut) f.record().value()).toList();
        assertThat(out.get(0)).isInstanceOfSatisfying(FanOut.Partial.class,
                partial -> assertThat(partial.aggregate().count()).isEqualTo(2));
    }

    @Test
    void shouldRoundTripAPartialThroughTheFanOutSerde() {
        PreAggregator p = started();
        p.process(match("lat|c", T0 + 500, 1));
        p.process(match("lat|c", T0 + 1_000, 5));
        p.process(match("lat|c", T0 + 1_500, 7));
        p.process(new Record<>("", new FanOut.Watermark(0, 1, T0 + 2_000, false), T0 + 2_000));
        FanOut.Partial sent = (FanOut.Partial) context.forwarded().get(1).record().value();
        FanOutSerde serde = new FanOutSerde();
        FanOut.Partial back = (FanOut.Partial) serde.deserialize("t", serde.serialize("t", sent));
        assertThat(back.slotStart()).isEqualTo(sent.slotStart());
        assertThat(back.fingerprint()).isEqualTo(sent.fingerprint());
        assertThat(back.lastEventTime()).isEqualTo(sent.lastEventTime());
        assertThat(back.aggregate().count()).isEqualTo(2);
        assertThat(back.aggregate().value(rule.spec().aggregation())).isEqualTo(7.0);
    }

    private PreAggregator started() {
        Properties p = new Properties();
        p.put("alertstream.preaggregate.interval", "50ms");
        PreAggregator processor = new PreAggregator(AlertTopologyConfig.from(p), catalog);
        processor.init(context);
        return processor;
    }

    private Record<String, FanOut> match(String key, long t, double ms) {
        return new Record<>(key, new FanOut.Match(t, rule.stateFingerprint(), ms, 0), t);
    }

}
