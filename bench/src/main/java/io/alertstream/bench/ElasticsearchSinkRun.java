package io.alertstream.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnectorConfig;
import io.alertstream.connectors.elasticsearch.IndexNamePattern;
import io.alertstream.connectors.elasticsearch.IndexTemplateBody;
import io.alertstream.connectors.elasticsearch.TemplateProfile;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedKafka;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.elasticsearch.client.RestClient;

/**
 * Elasticsearch documents/s through the sink connector against the raw Java client, same documents,
 * same server. The topic is pre-loaded with the bench's events (~160 B JSON, 4 partitions); each
 * run starts on a new empty index (named after the topic, as the connector's default
 * {@code index.pattern={topic}} does), then:
 * <ul>
 *   <li>raw: the elasticsearch-java client sends the same documents, with the ids the connector gives
 *       them ({@code topic+partition+offset}, read from the producer's acknowledgements), as sequential
 *       bulk requests of the connector's default {@code batch.size}; timed until the last bulk answered
 *       without item errors;</li>
 *   <li>connector: the real sink with its default config and {@code tasks.max=1}, timed by
 *       {@link ConnectorDrain}.</li>
 * </ul>
 * Both into an index with the connector's own index template (installed before the raw run, so both
 * write the same mapping). Every run ends by checking, after a refresh, that the index holds every document.
 */
final class ElasticsearchSinkRun implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String esUrl;
    private final String topic;
    private final List<ObjectNode> documents;
    private final String[] ids;
    private final ElasticsearchClient client;
    private final RestClientTransport transport;

    private ElasticsearchSinkRun(String esUrl, String topic, List<ObjectNode> documents, String[] ids) {
        this.esUrl = esUrl;
        this.topic = topic;
        this.documents = documents;
        this.ids = ids;
        this.transport = new RestClientTransport(RestClient.builder(HttpHost.create(esUrl)).build(), new JacksonJsonpMapper(JSON));
        this.client = new ElasticsearchClient(transport);
    }

    /** Pre-loads {@code count} events into a new 4-partition topic and keeps them, parsed, for the raw client. */
    static ElasticsearchSinkRun prepare(EmbeddedKafka kafka, String esUrl, String topic, int count, BenchWorkload workload)
            throws Exception {
        kafka.createTopic(topic, 4, Map.of());
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(workload.event(i, count));
        }
        String[] ids = new String[count];
        Clients.preload(kafka.bootstrapServers(), topic, count, i -> null, i -> values.get((int) i),
                (i, m) -> ids[(int) (long) i] = m.topic() + "+" + m.partition() + "+" + m.offset());
        List<ObjectNode> documents = new ArrayList<>(count);
        for (byte[] v : values) {
            documents.add((ObjectNode) JSON.readTree(v));
        }
        ElasticsearchSinkRun run = new ElasticsearchSinkRun(esUrl, topic, documents, ids);
        run.installTemplate();
        return run;
    }

    int size() {
        return documents.size();
    }

    /** Raw bulk indexing in requests of {@code batch} documents; returns documents/s. */
    double raw(int batch) throws IOException {
        recreateIndex();
        long start = System.nanoTime();
        for (int from = 0; from < documents.size(); from += batch) {
            List<BulkOperation> operations = new ArrayList<>(batch);
            for (int i = from; i < Math.min(from + batch, documents.size()); i++) {
                ObjectNode document = documents.get(i);
                String id = ids[i];
                operations.add(BulkOperation.of(op -> op.index(idx -> idx.index(index()).id(id).document(document))));
            }
            BulkResponse response = client.bulk(b -> b.operations(operations));
            if (response.errors()) {
                throw new IllegalStateException("raw bulk into " + index() + " had item errors, first: " + response.items().stream()
                        .filter(item -> item.error() != null).findFirst().map(item -> item.error().reason()).orElse("?"));
            }
        }
        double perSec = documents.size() / ((System.nanoTime() - start) / 1e9);
        verifyCount("raw client");
        return perSec;
    }

    /** The sink connector over the whole topic, under a new connector name (so it reads from the start). */
    DrainTimeline connector(EmbeddedConnect connect, Admin admin, String name) throws Exception {
        recreateIndex();
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("errors.tolerance", "all"); // the sinks refuse a config where one bad record stops the task
        config.put("topics", topic);
        config.put("connection.urls", esUrl);
        DrainTimeline timeline = ConnectorDrain.run(connect, admin, name, config, topic, Duration.ofMinutes(10));
        verifyCount("connector " + name);
        return timeline;
    }

    private String index() {
        // The default pattern has no date part, so every event goes to the same index whatever its time.
        return IndexNamePattern.parse(ElasticsearchSinkConnectorConfig.INDEX_PATTERN_DEFAULT).indexFor(topic, Instant.EPOCH);
    }

    private void installTemplate() throws IOException {
        String pattern = IndexNamePattern.parse(ElasticsearchSinkConnectorConfig.INDEX_PATTERN_DEFAULT).templatePattern(topic);
        ObjectNode body = IndexTemplateBody.build(pattern, TemplateProfile.parse(ElasticsearchSinkConnectorConfig.TEMPLATE_PROFILE_DEFAULT),
                ElasticsearchSinkConnectorConfig.EVENT_TIME_FIELD_DEFAULT);
        client.indices().putIndexTemplate(PutIndexTemplateRequest.of(
                request -> request.withJson(new StringReader(body.toString())).name(IndexTemplateBody.name(pattern))));
    }

    /**
     * A new, empty index (with the template's mapping) before every run: creating an index and allocating its
     * shard is cluster work that took up to a second on the loaded machine, and it is not what either writer is
     * measured for. Without this the raw run paid it inside its timing and the connector before its first commit.
     */
    private void recreateIndex() throws IOException {
        client.indices().delete(d -> d.index(index()).ignoreUnavailable(true));
        client.indices().create(c -> c.index(index()));
    }

    private void verifyCount(String writer) throws IOException {
        client.indices().refresh(r -> r.index(index()));
        long count = client.count(c -> c.index(index())).count();
        if (count != documents.size()) {
            throw new IllegalStateException(writer + " left " + count + " documents in " + index() + ", expected " + documents.size());
        }
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }
}
