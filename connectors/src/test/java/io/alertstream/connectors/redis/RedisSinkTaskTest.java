package io.alertstream.connectors.redis;

import static io.alertstream.connectors.common.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task logic with an in-memory writer: synchronous writes, outages, refused records. */
class RedisSinkTaskTest {
    private final List<CounterUpdate> stored = new ArrayList<>();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
    private int failuresLeft;
    private String rejectKey;
    private RedisSinkTask task;

    @BeforeEach
    void start() {
        task = new RedisSinkTask(config -> new CounterWriter() {
            @Override
            public List<CounterRejection> write(List<CounterUpdate> updates) {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    throw new RetriableException("Redis down");
                }
                List<CounterRejection> rejections = new ArrayList<>();
                for (CounterUpdate update : updates) {
                    if (update.key().equals(rejectKey)) {
                        rejections.add(new CounterRejection(update, "WRONGTYPE Operation against a key"));
                    } else {
                        stored.add(update);
                    }
                }
                return rejections;
            }

            @Override
            public void close() {
            }
        });
        task.initialize(context);
        task.start(Map.of("retry.backoff.max.ms", "1234"));
    }

    private static SinkRecord counter(long offset, String group, double value) {
        return record("counters", 0, offset, Map.of("ruleId", "r1", "groupKey", group,
                "windowStart", 60_000L, "windowEnd", 120_000L, "value", value));
    }

    @Test
    void shouldStoreEveryCounterBeforePutReturns() {
        task.put(List.of(counter(0, "a", 1), counter(1, "b", 2)));
        assertThat(stored).extracting(CounterUpdate::key)
                .containsExactly("alertstream:counter:r1:a", "alertstream:counter:r1:b");
    }

    @Test
    void outageShouldAskConnectToPauseAndRedeliver() {
        failuresLeft = 1;
        assertThatThrownBy(() -> task.put(List.of(counter(0, "a", 1)))).isInstanceOf(RetriableException.class);
        assertThat(context.timeoutMs).isEqualTo(1234);
        task.put(List.of(counter(0, "a", 1)));
        assertThat(stored).hasSize(1);
    }

    @Test
    void aRedeliveredBatchShouldReportItsMalformedRecordOnlyOnce() {
        failuresLeft = 1;
        List<SinkRecord> batch = List.of(counter(0, "a", 1), record("counters", 0, 1, Map.of("ruleId", "r1")));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        task.put(batch);
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
        assertThat(stored).hasSize(1);
    }

    @Test
    void malformedAndRefusedRecordsShouldGoToTheReporterAndTheRestBeStored() {
        rejectKey = "alertstream:counter:r1:taken";
        task.put(List.of(counter(0, "a", 1), record("counters", 0, 1, Map.of("ruleId", "r1")),
                counter(2, "taken", 3)));
        assertThat(stored).extracting(CounterUpdate::key).containsExactly("alertstream:counter:r1:a");
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(1L, 2L);
        assertThat(context.reportedErrors.get(1).getMessage()).contains("WRONGTYPE").contains("redis.key.prefix");
    }
}
