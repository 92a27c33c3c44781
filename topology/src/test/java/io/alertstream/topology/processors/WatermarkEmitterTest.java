package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.watermark.SourceBacklog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The upstream watermark across a restart: what the task knew of its partitions comes back from its
 * logged store, so a partition quiet since before the restart goes on reading as idle at a time that
 * moves with the wall clock. Started from nothing it would report no time, and the evaluating tasks
 * would keep its pre-restart reading for ever (no window behind it would close until it had data).
 */
class WatermarkEmitterTest {
    private static final long T0 = 1_767_225_600_000L;
    private static final Duration IDLE = Duration.ofSeconds(30);
    private final AlertTopologyConfig config = config();

    private static AlertTopologyConfig config() {
        Properties p = new Properties();
        p.put("alertstream.idle.timeout", IDLE.toMillis() + "ms");
        return AlertTopologyConfig.from(p);
    }

    /** One run of the upstream task: its context, wall clock and (logged) store. */
    private final class Run {
        final MockProcessorContext<String, ParseResult> context = new MockProcessorContext<>();
        final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(StoreNames.SOURCE_CLOCK), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        final WatermarkEmitter emitter = new WatermarkEmitter(config, SourceBacklog.unknown());

        /** Starts at {@code nowMs}, its store holding what {@code before}'s changelog holds (null: a first start). */
        Run(long nowMs, Run before) {
            context.setCurrentSystemTimeMs(nowMs);
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            if (before != null) {
                try (KeyValueIterator<String, byte[]> all = before.store.all()) {
                    all.forEachRemaining(e -> store.put(e.key, e.value));
                }
            }
            emitter.init(context);
        }

        void event(long eventTime, long nowMs) {
            context.setCurrentSystemTimeMs(nowMs);
            context.setRecordMetadata(config.inputTopics().get(0), 0, 0);
            emitter.process(new Record<>(new byte[0], new ParsedEvent(Map.of(), eventTime, new byte[0]), eventTime));
        }

        /** Runs the watermark punctuation at {@code nowMs}; returns the watermark it published. */
        FanOut.Watermark publish(long nowMs) {
            context.setCurrentSystemTimeMs(nowMs);
            context.resetForwards();
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(nowMs);
            List<MockProcessorContext.CapturedForward<? extends String, ? extends ParseResult>> out = context.forwarded();
            assertThat(out).hasSize(1);
            return (FanOut.Watermark) out.get(0).record().value();
        }
    }

    @Test
    void shouldReadAPartitionQuietSinceBeforeARestartAsIdleAtAMovingTime() {
        Run first = new Run(T0, null);
        first.event(T0 - 2_000, T0 + 1_000);
        assertThat(first.publish(T0 + 2_000)).isEqualTo(new FanOut.Watermark(0, config.sourcePartitions(), T0 - 2_000, false));
        assertThat(first.publish(T0 + 60_000)).as("idle before the restart: its time moves on")
                .isEqualTo(new FanOut.Watermark(0, config.sourcePartitions(), T0 - 2_000 + 59_000, true));

        Run second = new Run(T0 + 70_000, first);
        assertThat(second.publish(T0 + 71_000)).as("after the restart, no data since: still idle, still moving")
                .isEqualTo(new FanOut.Watermark(0, config.sourcePartitions(), T0 - 2_000 + 70_000, true));
        assertThat(second.publish(T0 + 600_000).time()).isEqualTo(T0 - 2_000 + 599_000);
    }

    @Test
    void shouldReadAsTheTaskThatNeverStoppedWhenRestartedRightAfterAPublication() {
        Run first = new Run(T0, null);
        Run never = new Run(T0, null);
        for (Run r : List.of(first, never)) {
            r.event(T0 + 500, T0 + 1_000);
            r.event(T0 + 900, T0 + 1_500);
            r.publish(T0 + 2_000);
        }
        Run second = new Run(T0 + 2_100, first);
        for (long now = T0 + 3_000; now < T0 + 120_000; now += 7_000) {
            assertThat(second.publish(now)).as("at +%d ms", now - T0).isEqualTo(never.publish(now));
        }
    }

    @Test
    void shouldPersistOnlyAtAPublicationNotPerEvent() {
        Run run = new Run(T0, null);
        run.event(T0 + 500, T0 + 1_000);
        assertThat(run.store.approximateNumEntries()).as("nothing written on the event path").isZero();
        run.publish(T0 + 2_000);
        assertThat(run.store.approximateNumEntries()).isEqualTo(1);
    }
}
