package io.alertstream.connectors.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.elasticsearch.ElasticsearchBulkWriter;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnectorConfig;
import io.alertstream.connectors.elasticsearch.IndexDocument;
import io.alertstream.connectors.redis.CounterUpdate;
import io.alertstream.connectors.redis.JedisCounterWriter;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.testkit.EmbeddedElasticsearch;
import io.alertstream.testkit.EmbeddedRedis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Throughput of the sink writers against the raw clients on the same data and the same local servers
 * (not a test: run by hand, numbers in the final report).
 *
 * <p>Elasticsearch: {@link ElasticsearchBulkWriter} (batch 1000, 2 in flight) vs the Java client's bulk
 * API (batch 1000, sequential), alert-shaped documents. Redis: {@link JedisCounterWriter} (Lua script per
 * update, pipelined by 500) vs a raw Jedis pipeline of HSET (the minimal write, no 'latest' or expiry)
 * and a raw Jedis pipeline of EVALSHA of the same script (what the writer adds on top of Jedis).
 * Each run is preceded by a warm-up of the same size. Arguments: Elasticsearch documents (0 skips
 * Elasticsearch), Redis updates.
 */
public final class SinkWriterBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(SinkWriterBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COUNTER_SCRIPT = readScript();

    private SinkWriterBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int esDocs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int redisUpdates = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            redisBenchmark(redis, redisUpdates);
        }
        if (esDocs == 0) {
            return;
        }
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.builder().heapMb(512).start()) {
            elasticsearchBenchmark(es.url(), esDocs);
        }
    }

    private static void elasticsearchBenchmark(String url, int count) throws IOException {
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(Map.of(
                "connection.urls", url, "batch.size", "1000", "max.in.flight.requests", "2"));
        HttpHost host = HttpHost.create(url);
        try (ElasticsearchBulkWriter writer = new ElasticsearchBulkWriter(config);
             RestClientTransport transport = new RestClientTransport(RestClient.builder(host).build(),
                     new JacksonJsonpMapper(JSON))) {
            ElasticsearchClient raw = new ElasticsearchClient(transport);
            for (String round : new String[] {"warmup", "measured"}) {
                List<IndexDocument> writerDocs = documents("bench-writer-" + round, count);
                long started = System.nanoTime();
                writer.write(writerDocs);
                report("Elasticsearch writer (" + round + ")", count, started);

                List<IndexDocument> rawDocs = documents("bench-raw-" + round, count);
                started = System.nanoTime();
                for (int from = 0; from < count; from += 1000) {
                    List<BulkOperation> ops = new ArrayList<>();
                    for (IndexDocument d : rawDocs.subList(from, Math.min(from + 1000, count))) {
                        ops.add(BulkOperation.of(op -> op.index(i -> i.index(d.index()).id(d.id()).document(d.source()))));
                    }
                    BulkResponse response = raw.bulk(b -> b.operations(ops));
                    if (response.errors()) {
                        throw new IllegalStateException("raw bulk had item errors");
                    }
                }
                report("Elasticsearch raw client bulk (" + round + ")", count, started);
            }
        }
    }

    private static List<IndexDocument> documents(String index, int count) {
        List<IndexDocument> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode alert = JSON.createObjectNode().put("id", "a-" + i).put("alertKey", "rule|service=web" + i % 50)
                    .put("ruleId", "rule").put("status", i % 2 == 0 ? "FIRING" : "RESOLVED").put("level", "critical")
                    .put("value", 600.0 + i).put("threshold", 500.0).put("at", "2026-11-21T10:05:00Z")
                    .put("summary", "p95 latency above threshold");
            alert.putObject("labels").put("team", "payments");
            alert.putObject("group").put("service", "web" + i % 50);
            SinkRecord record = new SinkRecord("alerts", 0, null, null, null, null, i, 0L, TimestampType.CREATE_TIME);
            documents.add(new IndexDocument(index, "a-" + i, alert, record));
        }
        return documents;
    }

    private static void redisBenchmark(EmbeddedRedis redis, int count) {
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(Map.of("redis.uri", redis.uri()));
        List<CounterUpdate> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SinkRecord record = new SinkRecord("counters", 0, null, null, null, null, i, 0L, TimestampType.CREATE_TIME);
            long windowStart = 60_000L * (i / 1_000);
            updates.add(new CounterUpdate("alertstream:counter:rule:g" + i % 1_000, windowStart, windowStart + 60_000,
                    Integer.toString(i), "1", 600_000, record));
        }
        try (JedisCounterWriter writer = new JedisCounterWriter(config);
             Jedis jedis = new Jedis(redis.host(), redis.port())) {
            for (String round : new String[] {"warmup", "measured"}) {
                jedis.flushAll();
                long started = System.nanoTime();
                writer.write(updates);
                report("Redis counter writer (" + round + ")", count, started);

                jedis.flushAll();
                started = System.nanoTime();
                for (int from = 0; from < count; from += 500) {
                    Pipeline pipeline = jedis.pipelined();
                    for (CounterUpdate u : updates.subList(from, Math.min(from + 500, count))) {
                        pipeline.hset(u.key(), Long.toString(u.windowStartMs()), u.value());
                    }
                    pipeline.sync();
                }
                report("Redis raw pipelined HSET (" + round + ")", count, started);

                jedis.flushAll();
                String sha = jedis.scriptLoad(COUNTER_SCRIPT);
                started = System.nanoTime();
                for (int from = 0; from < count; from += 500) {
                    Pipeline pipeline = jedis.pipelined();
                    for (CounterUpdate u : updates.subList(from, Math.min(from + 500, count))) {
                        pipeline.evalsha(sha, List.of(u.key()), List.of(Long.toString(u.windowStartMs()), u.value(),
                                Long.toString(u.windowEndMs()), u.count(), Long.toString(u.ttlMs())));
                    }
                    pipeline.sync();
                }
                report("Redis raw pipelined EVALSHA of the same script (" + round + ")", count, started);
            }
        }
    }

    private static String readScript() {
        try (var in = JedisCounterWriter.class.getResourceAsStream("put-counter.lua")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void report(String what, int count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        LOG.info("{}: {} writes in {} s = {} writes/s", what, count, String.format("%.2f", seconds),
                Math.round(count / seconds));
    }
}
