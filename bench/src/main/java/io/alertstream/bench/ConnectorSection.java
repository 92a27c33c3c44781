package io.alertstream.bench;

import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnectorConfig;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedElasticsearch;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.EmbeddedRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Section 5: the Redis and Elasticsearch sink connectors against the raw clients writing the same data to
 * the same servers, in this run. Starts a Redis server, an Elasticsearch node (child process, 512 MB heap)
 * and a Connect worker on the run's broker once, measures Redis then Elasticsearch ({@link RedisSinkRun},
 * {@link ElasticsearchSinkRun}), and stops them. Each sink first does one discarded warm-up repetition at a
 * quarter (Redis) or half (Elasticsearch) of the size: the JIT of both JVMs would otherwise count against
 * whichever runs first. Rows: writes/s or documents/s per repetition; ratios: connector over raw.
 *
 * <p>The worker commits offsets every {@value #COMMIT_INTERVAL_MS} ms instead of Connect's default 60 s:
 * the end of a drain is seen in the committed offsets, so the interval bounds how late it is seen.
 */
final class ConnectorSection {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorSection.class);
    static final int COMMIT_INTERVAL_MS = 200;
    static final String ES_RAW = "Elasticsearch raw client bulk";
    static final String ES_STEADY = "Elasticsearch sink connector, steady";
    static final String ES_WITH_START = "Elasticsearch sink connector, incl. start";
    static final String REDIS_HSET = "Redis raw pipelined HSET";
    static final String REDIS_SCRIPT = "Redis raw pipelined EVALSHA (sink's script)";
    static final String REDIS_STEADY = "Redis sink connector, steady";
    static final String REDIS_WITH_START = "Redis sink connector, incl. start";

    private final BenchPlan plan;
    private final Results results;
    private final EmbeddedKafka kafka;
    private int connectors;

    ConnectorSection(BenchPlan plan, Results results, EmbeddedKafka kafka) {
        this.plan = plan;
        this.results = results;
        this.kafka = kafka;
    }

    void run() throws Exception {
        long started = System.nanoTime();
        try (EmbeddedRedis redis = EmbeddedRedis.start();
             EmbeddedElasticsearch es = EmbeddedElasticsearch.builder().heapMb(512).start();
             EmbeddedConnect connect = EmbeddedConnect.builder().bootstrapServers(kafka.bootstrapServers())
                     .workerProperty("offset.flush.interval.ms", String.valueOf(COMMIT_INTERVAL_MS)).start();
             Admin admin = Clients.admin(kafka.bootstrapServers())) {
            LOG.info("Redis, Elasticsearch and Connect up in {} s", String.format("%.1f", (System.nanoTime() - started) / 1e9));
            redis(redis, connect, admin);
            elasticsearch(es.url(), connect, admin);
        }
        results.note("section 5: one Connect task per sink (tasks.max=1) and connector defaults, against one raw client thread; "
                + "'steady' counts from the sink's first offset commit to its last (commits every " + COMMIT_INTERVAL_MS
                + " ms), 'incl. start' from registering the connector");
    }

    private void redis(EmbeddedRedis redis, EmbeddedConnect connect, Admin admin) throws Exception {
        int n = plan.connectorRedisWrites();
        CounterWorkload workload = new CounterWorkload(1000, System.currentTimeMillis());
        try (RedisSinkRun warmup = RedisSinkRun.prepare(kafka, redis, "bench-redis-warmup", n / 4, workload)) {
            warmup.rawHset();
            warmup.rawScript();
            warmup.connector(connect, admin, nextName("redis"));
        }
        List<Double> hset = new ArrayList<>();
        List<Double> script = new ArrayList<>();
        List<DrainTimeline> sink = new ArrayList<>();
        try (RedisSinkRun run = RedisSinkRun.prepare(kafka, redis, "bench-redis-counters", n, workload)) {
            for (int i = 0; i < plan.reps(); i++) {
                hset.add(run.rawHset());
                script.add(run.rawScript());
                sink.add(run.connector(connect, admin, nextName("redis")));
            }
        }
        redisRows(results, n + " counter updates, 1000 groups, " + CounterWorkload.UPDATES_PER_WINDOW + " per window", hset, script, sink);
    }

    /** Section 5's Redis rows and their ratios to the raw script (the same writes) and to plain HSET. */
    static void redisRows(Results results, String size, List<Double> hset, List<Double> script, List<DrainTimeline> sink) {
        String batch = RedisSinkConnectorConfig.BATCH_SIZE_DEFAULT + "/pipeline";
        results.add("5", REDIS_HSET, "writes/s", hset, size + ", " + batch);
        results.add("5", REDIS_SCRIPT, "writes/s", script, "same updates, " + batch);
        results.add("5", REDIS_STEADY, "writes/s", map(sink, DrainTimeline::steadyPerSec), "same records via Connect");
        results.add("5", REDIS_WITH_START, "writes/s", map(sink, DrainTimeline::endToEndPerSec),
                "start " + startSeconds(sink) + " s");
        results.ratio(REDIS_STEADY + " / raw EVALSHA", results.median(REDIS_STEADY) / results.median(REDIS_SCRIPT));
        results.ratio(REDIS_STEADY + " / raw HSET", results.median(REDIS_STEADY) / results.median(REDIS_HSET));
        results.ratio(REDIS_WITH_START + " / raw EVALSHA", results.median(REDIS_WITH_START) / results.median(REDIS_SCRIPT));
    }

    private void elasticsearch(String url, EmbeddedConnect connect, Admin admin) throws Exception {
        int n = plan.connectorEsDocs();
        BenchWorkload workload = new BenchWorkload(1000, System.currentTimeMillis(), 600_000, 11);
        // Elasticsearch itself warms up over the first tens of thousands of documents (a cold node indexed at a
        // third of its later rate here), hence half the size for each warm-up, not a quarter.
        try (ElasticsearchSinkRun warmup = ElasticsearchSinkRun.prepare(kafka, url, "bench-es-warmup", n / 2, workload)) {
            warmup.raw(ElasticsearchSinkConnectorConfig.BATCH_SIZE_DEFAULT);
            warmup.connector(connect, admin, nextName("es"));
        }
        List<Double> raw = new ArrayList<>();
        List<DrainTimeline> sink = new ArrayList<>();
        try (ElasticsearchSinkRun run = ElasticsearchSinkRun.prepare(kafka, url, "bench-es-events", n, workload)) {
            for (int i = 0; i < plan.reps(); i++) {
                // Alternate which goes first, so a node still warming up does not always favour the second.
                if (i % 2 == 0) {
                    raw.add(run.raw(ElasticsearchSinkConnectorConfig.BATCH_SIZE_DEFAULT));
                    sink.add(run.connector(connect, admin, nextName("es")));
                } else {
                    sink.add(run.connector(connect, admin, nextName("es")));
                    raw.add(run.raw(ElasticsearchSinkConnectorConfig.BATCH_SIZE_DEFAULT));
                }
            }
        }
        elasticsearchRows(results, n + " events of ~" + workload.event(0, 1).length + " B", raw, sink);
    }

    /** Section 5's Elasticsearch rows and the connector's ratios to the raw bulk. */
    static void elasticsearchRows(Results results, String size, List<Double> raw, List<DrainTimeline> sink) {
        results.add("5", ES_RAW, "docs/s", raw, size + ", " + ElasticsearchSinkConnectorConfig.BATCH_SIZE_DEFAULT + "/bulk, sequential");
        results.add("5", ES_STEADY, "docs/s", map(sink, DrainTimeline::steadyPerSec), "same documents and ids via Connect");
        results.add("5", ES_WITH_START, "docs/s", map(sink, DrainTimeline::endToEndPerSec), "start " + startSeconds(sink) + " s");
        results.ratio(ES_STEADY + " / raw bulk", results.median(ES_STEADY) / results.median(ES_RAW));
        results.ratio(ES_WITH_START + " / raw bulk", results.median(ES_WITH_START) / results.median(ES_RAW));
    }

    /** Each repetition gets a new connector, hence a new consumer group that reads from the beginning. */
    private String nextName(String sink) {
        return "bench-" + sink + "-sink-" + (++connectors);
    }

    private static String startSeconds(List<DrainTimeline> sink) {
        return Results.number(Stats.spread(map(sink, DrainTimeline::startSeconds)).median());
    }

    private static <T> List<Double> map(List<T> samples, Function<T, Double> f) {
        return samples.stream().map(f).toList();
    }
}
