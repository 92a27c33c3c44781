package io.alertstream.connectors.elasticsearch;

import static io.alertstream.connectors.common.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.RecordingSinkTaskContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Task logic with an in-memory writer: buffering, linger, outages, rejections, rebalances. */
class ElasticsearchSinkTaskTest {
    private final FakeWriter writer = new FakeWriter();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
    private ElasticsearchSinkTask task;

    @BeforeEach
    void start() {
        task = startTask(Map.of("linger.ms", "500", "batch.size", "3"));
    }

    private ElasticsearchSinkTask startTask(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(Map.of("connection.urls", "http://127.0.0.1:1",
                "topics", "alerts", "document.id.field", "id", "index.template.profile", "alert"));
        props.putAll(overrides);
        ElasticsearchSinkTask created = new ElasticsearchSinkTask(config -> writer, clock::get);
        created.initialize(context);
        created.start(props);
        return created;
    }

    private static SinkRecord alert(long offset) {
        return record("alerts", 0, offset, Map.of("id", "a" + offset, "at", "2026-11-21T10:00:00Z"));
    }

    @Test
    void shouldInstallTheTemplateForConfiguredTopicsAtStart() {
        assertThat(writer.templates).containsKey("alertstream-alerts");
        assertThat(writer.templates.get("alertstream-alerts").at("/template/mappings/properties/status/type").asText())
                .isEqualTo("keyword");
    }

    @Test
    void shouldBufferUntilLingerThenWrite() {
        task.put(List.of(alert(0)));
        assertThat(writer.written).isEmpty();
        clock.addAndGet(500);
        task.put(List.of());
        assertThat(writer.writtenIds()).containsExactly("a0");
    }

    @Test
    void shouldWriteAsSoonAsABatchIsFull() {
        task.put(List.of(alert(0), alert(1), alert(2)));
        assertThat(writer.writtenIds()).containsExactly("a0", "a1", "a2");
    }

    @Test
    void flushShouldWriteEverythingBufferedBeforeOffsetsAreCommitted() {
        task.put(List.of(alert(0)));
        task.flush(Map.of());
        assertThat(writer.writtenIds()).containsExactly("a0");
        assertThat(task.bufferedCounts()).isEmpty();
    }

    @Test
    void outageInPutShouldKeepOlderRecordsAndLeaveTheFailedBatchToConnect() {
        task.put(List.of(alert(0)));
        writer.failuresLeft = 1;
        assertThatThrownBy(() -> task.put(List.of(alert(1), alert(2)))).isInstanceOf(RetriableException.class);
        assertThat(context.timeoutMs).isPositive();
        assertThat(task.bufferedCounts()).containsEntry(new TopicPartition("alerts", 0), 1);
        // Connect redelivers the failed batch: written once, after the older record, nothing lost.
        task.put(List.of(alert(1), alert(2)));
        assertThat(writer.writtenIds()).containsExactly("a0", "a1", "a2");
    }

    @Test
    void failedFlushShouldDropTheBufferBecauseConnectRewindsToTheLastCommit() {
        task.put(List.of(alert(0)));
        writer.failuresLeft = 1;
        assertThatThrownBy(() -> task.flush(Map.of())).isInstanceOf(RetriableException.class);
        assertThat(task.bufferedCounts()).isEmpty();
    }

    @Test
    void rejectedDocumentsShouldGoToTheErrantRecordReporterNamingTheRecord() {
        writer.rejectIds.add("a1");
        task.put(List.of(alert(0), alert(1), alert(2)));
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
        assertThat(context.reportedErrors.get(0).getMessage()).contains("topic 'alerts' partition 0 offset 1")
                .contains("mapper_parsing_exception").contains("behavior.on.malformed.documents");
    }

    @Test
    void recordsThatAreNotJsonObjectsShouldGoToTheReporterWithoutBlockingOthers() {
        task.put(List.of(alert(0), record("alerts", 0, 1, "not json", 1L), alert(2)));
        task.flush(Map.of());
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
        assertThat(writer.writtenIds()).containsExactly("a0", "a2");
    }

    @Test
    void aRedeliveredBatchShouldReportItsMalformedRecordOnlyOnce() {
        writer.failuresLeft = 1;
        List<SinkRecord> batch = List.of(alert(0), record("alerts", 0, 1, "not json", 1L), alert(2), alert(3));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
        task.put(batch);
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(1L);
        assertThat(writer.writtenIds()).containsExactly("a0", "a2", "a3");
    }

    @Test
    void warnShouldSkipRejectedDocumentsWithoutReporting() {
        ElasticsearchSinkTask warning = startTask(Map.of("behavior.on.malformed.documents", "warn"));
        writer.rejectIds.add("a0");
        warning.put(List.of(alert(0)));
        assertThat(context.reported).isEmpty();
    }

    @Test
    void revokedPartitionsShouldLeaveTheBuffer() {
        task.put(List.of(alert(0), record("alerts", 1, 0, Map.of("id", "b0"))));
        task.close(List.of(new TopicPartition("alerts", 1)));
        assertThat(task.bufferedCounts()).containsOnlyKeys(new TopicPartition("alerts", 0));
    }

    /** Acknowledges everything except configured ids; fails the next N calls like an outage. */
    @Test
    void writtenAndRejectedDocumentsShouldBeCountedPerConnectorAndTask() {
        String connector = "es-metrics-" + java.util.UUID.randomUUID();
        ElasticsearchSinkTask counted = startTask(Map.of("name", connector, "alertstream.task.index", "1",
                "batch.size", "3", "errors.tolerance", "all"));
        writer.rejectIds.add("a1");
        counted.put(List.of(alert(0), alert(1), alert(2)));

        var registry = io.alertstream.connectors.metrics.ConnectorMetrics.registry();
        assertThat(registry.get("alertstream.connector.elasticsearch.documents")
                .tags("connector", connector, "task", "1", "outcome", "written").counter().count()).isEqualTo(2);
        assertThat(registry.get("alertstream.connector.elasticsearch.documents")
                .tags("connector", connector, "task", "1", "outcome", "rejected").counter().count()).isEqualTo(1);
    }

    static final class FakeWriter implements DocumentWriter {
        final Map<String, ObjectNode> templates = new HashMap<>();
        final List<IndexDocument> written = new ArrayList<>();
        final List<String> rejectIds = new ArrayList<>();
        int failuresLeft;

        @Override
        public void putIndexTemplate(String name, ObjectNode body) {
            templates.put(name, body);
        }

        @Override
        public List<DocumentRejection> write(List<IndexDocument> documents) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new RetriableException("Elasticsearch down");
            }
            List<DocumentRejection> rejections = new ArrayList<>();
            for (IndexDocument document : documents) {
                if (rejectIds.contains(document.id())) {
                    rejections.add(new DocumentRejection(document, 400, "mapper_parsing_exception: bad value"));
                } else {
                    written.add(document);
                }
            }
            return rejections;
        }

        List<String> writtenIds() {
            return written.stream().map(IndexDocument::id).toList();
        }

        @Override
        public void close() {
        }
    }
}
