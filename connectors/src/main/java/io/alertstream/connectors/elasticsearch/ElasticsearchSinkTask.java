package io.alertstream.connectors.elasticsearch;

import io.alertstream.connectors.common.ConnectorVersion;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.MalformedRecordHandler;
import io.alertstream.connectors.common.RecordCoordinates;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes sink records into Elasticsearch through a {@link DocumentWriter}.
 *
 * <p>Input: records whose values are JSON objects. Output: one document per record, in the index given by
 * {@code index.pattern} and with a replay-stable id. Records are buffered until {@code batch.size} of them
 * wait or {@code linger.ms} has passed; {@link #flush} writes whatever waits, so the offsets Connect commits
 * after it cover only acknowledged (or dead-lettered) records. On an outage the writer's
 * {@link RetriableException} propagates: Connect redelivers the batch of the failing {@code put} (older
 * buffered documents are kept and retried with it), or rewinds to the last commit when {@code flush} fails.
 * Metrics: documents written and rejected ({@code alertstream_connector_elasticsearch_documents_total}).
 */
public class ElasticsearchSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkTask.class);

    private final Function<ElasticsearchSinkConnectorConfig, DocumentWriter> writerFactory;
    private final LongSupplier clock;
    private final List<IndexDocument> buffer = new ArrayList<>();
    private final Set<String> installedTemplates = new HashSet<>();
    private ElasticsearchSinkConnectorConfig config;
    private DocumentWriter writer;
    private RecordToDocument documents;
    private MalformedRecordHandler malformed;
    private long firstBufferedAtMs = -1;
    private Counter written;
    private Counter rejected;

    public ElasticsearchSinkTask() {
        this(ElasticsearchBulkWriter::new, System::currentTimeMillis);
    }

    /** For tests: a writer of the test's choosing and a controllable clock for linger. */
    ElasticsearchSinkTask(Function<ElasticsearchSinkConnectorConfig, DocumentWriter> writerFactory, LongSupplier clock) {
        this.writerFactory = writerFactory;
        this.clock = clock;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ElasticsearchSinkConnectorConfig(props);
        writer = writerFactory.apply(config);
        documents = RecordToDocument.from(config);
        Tags tags = ConnectorMetrics.taskTags(props);
        written = ConnectorMetrics.counter(ConnectorMetrics.ELASTICSEARCH_DOCUMENTS, tags.and("outcome", "written"),
                "Documents Elasticsearch acknowledged (written) or refused (rejected: to the errant-record reporter)");
        rejected = ConnectorMetrics.counter(ConnectorMetrics.ELASTICSEARCH_DOCUMENTS, tags.and("outcome", "rejected"),
                "Documents Elasticsearch acknowledged (written) or refused (rejected: to the errant-record reporter)");
        malformed = MalformedRecordHandler.forTask(context, config.behaviorOnMalformed(),
                ElasticsearchSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG);
        String topics = props.getOrDefault("topics", "");
        try {
            for (String topic : topics.split(",")) {
                if (!topic.isBlank()) {
                    ensureTemplate(topic.trim());
                }
            }
        } catch (RetriableException e) {
            // Elasticsearch may come up after the worker: templates are installed before the first write.
            LOG.warn("Index templates not installed yet, will retry before the first write: {}", e.getMessage());
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        int added = 0;
        List<Map.Entry<SinkRecord, MalformedRecordException>> malformedRecords = new ArrayList<>();
        for (SinkRecord record : records) {
            try {
                var document = documents.convert(record);
                if (document.isPresent()) {
                    buffer.add(document.get());
                    added++;
                } else {
                    LOG.debug("Skipping record with null value at {}", RecordCoordinates.describe(record));
                }
            } catch (MalformedRecordException e) {
                malformedRecords.add(Map.entry(record, e));
            }
        }
        if (!buffer.isEmpty() && firstBufferedAtMs < 0) {
            firstBufferedAtMs = clock.getAsLong();
        }
        if (buffer.size() >= config.batchSize() || lingerExpired()) {
            try {
                writeBuffer();
            } catch (RetriableException e) {
                // Connect redelivers this put's records; keep only the older ones, which it will not redeliver.
                buffer.subList(Math.max(0, buffer.size() - added), buffer.size()).clear();
                context.timeout(config.retrier().maxBackoffMs());
                throw e;
            }
        }
        // Reported only once the batch is past its retriable point, so a redelivery does not report them twice.
        malformedRecords.forEach(entry -> malformed.handle(entry.getKey(), entry.getValue()));
    }

    private boolean lingerExpired() {
        return firstBufferedAtMs >= 0 && clock.getAsLong() - firstBufferedAtMs >= config.lingerMs();
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            writeBuffer();
        } catch (RuntimeException e) {
            // A failed flush makes Connect rewind to the last committed offsets: everything buffered comes again.
            clearBuffer();
            throw e;
        }
    }

    private void writeBuffer() {
        if (buffer.isEmpty()) {
            return;
        }
        for (IndexDocument document : buffer) {
            ensureTemplate(document.record().topic());
        }
        List<DocumentRejection> rejections = writer.write(List.copyOf(buffer));
        LOG.debug("Wrote {} documents, {} rejected", buffer.size() - rejections.size(), rejections.size());
        written.increment(buffer.size() - rejections.size());
        rejected.increment(rejections.size());
        clearBuffer();
        for (DocumentRejection rejection : rejections) {
            IndexDocument document = rejection.document();
            malformed.handle(document.record(), new MalformedRecordException("Elasticsearch rejected the document "
                    + "from " + RecordCoordinates.describe(document.record()) + " for index " + document.index()
                    + " id " + document.id() + " (HTTP " + rejection.status() + " " + rejection.reason() + "). Fix "
                    + "the record or the index mapping, or set "
                    + ElasticsearchSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG + " to warn or ignore."));
        }
    }

    private void ensureTemplate(String topic) {
        if (config.templateProfile() == TemplateProfile.NONE) {
            return;
        }
        String pattern = config.indexPattern().templatePattern(topic);
        if (installedTemplates.add(pattern)) {
            try {
                writer.putIndexTemplate(IndexTemplateBody.name(pattern),
                        IndexTemplateBody.build(pattern, config.templateProfile(), config.eventTimeField()));
            } catch (RuntimeException e) {
                installedTemplates.remove(pattern);
                throw e;
            }
        }
    }

    private void clearBuffer() {
        buffer.clear();
        firstBufferedAtMs = -1;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // Records of revoked partitions belong to their new owner, which resumes from the committed offset.
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        buffer.removeIf(d -> revoked.contains(new TopicPartition(d.record().topic(), d.record().kafkaPartition())));
        if (buffer.isEmpty()) {
            firstBufferedAtMs = -1;
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
    }

    /** Buffered documents per partition, for tests and debugging. */
    Map<TopicPartition, Integer> bufferedCounts() {
        Map<TopicPartition, Integer> counts = new LinkedHashMap<>();
        for (IndexDocument d : buffer) {
            counts.merge(new TopicPartition(d.record().topic(), d.record().kafkaPartition()), 1, Integer::sum);
        }
        return counts;
    }
}
