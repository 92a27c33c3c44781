package io.alertstream.connectors.redis;

import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.RecordCoordinates;
import io.alertstream.connectors.common.Retrier;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@link CounterWriter} on one Jedis connection: each update runs the {@code put-counter.lua} script
 * (atomic per hash: absolute window value, monotonic {@code latest}, pruning, expiry), pipelined in
 * batches of {@code redis.batch.size}.
 *
 * <p>A lost connection or timeout, and an error reply that says the server cannot write now (OOM, READONLY,
 * BUSY, MISCONF, CLUSTERDOWN, LOADING, TRYAGAIN, MASTERDOWN, NOREPLICAS; see {@link RedisReplies}), close the
 * connection and retry the whole batch (writes are absolute, so repeating stored ones is harmless) with
 * backoff; after {@code max.retries} it throws {@link RetriableException}. Only a reply that blames the
 * record (e.g. WRONGTYPE) becomes a {@link CounterRejection}. Authentication failures throw {@link ConnectException} naming the keys.
 */
public final class JedisCounterWriter implements CounterWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JedisCounterWriter.class);
    static final String SCRIPT = loadScript();

    private final RedisConnections connections;
    private final int batchSize;
    private final Retrier retrier;
    private Jedis jedis;
    private String scriptSha;

    public JedisCounterWriter(RedisSinkConnectorConfig config) {
        this(new RedisConnections(config), config.batchSize(), config.retrier().onRetry(ConnectorMetrics.counter(
                ConnectorMetrics.REDIS_RETRIES, ConnectorMetrics.taskTags(config.originalsStrings()),
                "Pipelined writes retried inside the task after a Redis outage (connection loss, OOM, READONLY, ...)")::increment));
    }

    JedisCounterWriter(RedisConnections connections, int batchSize, Retrier retrier) {
        this.connections = connections;
        this.batchSize = batchSize;
        this.retrier = retrier;
    }

    @Override
    public List<CounterRejection> write(List<CounterUpdate> updates) {
        List<CounterRejection> rejections = new ArrayList<>();
        for (int from = 0; from < updates.size(); from += batchSize) {
            rejections.addAll(writeBatch(updates.subList(from, Math.min(from + batchSize, updates.size()))));
        }
        return rejections;
    }

    private List<CounterRejection> writeBatch(List<CounterUpdate> batch) {
        return retrier.call(() -> writeOnce(batch), (retries, last) -> new RetriableException("Redis at "
                + connections.endpoint() + " unreachable or not accepting writes after " + retries + " retries ("
                + last.reason() + ") writing " + batch.size() + " counters, first from "
                + RecordCoordinates.describe(batch.get(0).record()) + ". Connect redelivers them; if this lasts, check "
                + RedisConnectionConfig.URI_CONFIG + "/" + RedisConnectionConfig.HOST_CONFIG + " (and the server's "
                + "maxmemory, role and persistence) or raise " + Retrier.MAX_RETRIES_CONFIG, last.cause()));
    }

    private Retrier.Outcome<List<CounterRejection>> writeOnce(List<CounterUpdate> batch) {
        try {
            return Retrier.done(pipeline(batch));
        } catch (JedisAccessControlException e) {
            disconnect();
            throw new ConnectException("Redis at " + connections.endpoint() + " refused the credentials: "
                    + e.getMessage() + "; check " + RedisConnectionConfig.USER_CONFIG + " and "
                    + RedisConnectionConfig.PASSWORD_CONFIG, e);
        } catch (JedisConnectionException | RedisUnavailableException | JedisDataException e) {
            // A JedisDataException here came from connecting, PING or SCRIPT LOAD (e.g. BUSY, LOADING,
            // OOM on script load), not from one record's reply: the server's state, so retried.
            disconnect();
            return Retrier.failed("Redis write failed", ConfigErrors.maskUserInfo(e.getMessage()), e);
        }
    }

    private List<CounterRejection> pipeline(List<CounterUpdate> batch) {
        Jedis connection = connection();
        List<Response<Object>> responses = new ArrayList<>(batch.size());
        Pipeline pipeline = connection.pipelined();
        for (CounterUpdate update : batch) {
            responses.add(pipeline.evalsha(scriptSha, List.of(update.key()), List.of(
                    Long.toString(update.windowStartMs()), update.value(), Long.toString(update.windowEndMs()),
                    update.count() == null ? "" : update.count(), Long.toString(update.ttlMs()))));
        }
        pipeline.sync();
        List<CounterRejection> rejections = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                responses.get(i).get();
            } catch (JedisDataException e) {
                String message = String.valueOf(e.getMessage());
                switch (RedisReplies.classify(message)) {
                    // Script cache flushed, server restarted, out of memory, replica after a failover, busy,
                    // loading...: the server's state, not the record's. Reconnect and resend the batch (writes
                    // are absolute, so resending the stored ones is harmless); never dead-letter.
                    case OUTAGE, RECONNECT -> throw new RedisUnavailableException(message, e);
                    case BAD_RECORD -> rejections.add(new CounterRejection(batch.get(i), message));
                }
            }
        }
        return rejections;
    }

    private Jedis connection() {
        if (jedis == null || !jedis.isConnected() || jedis.isBroken()) {
            disconnect();
            jedis = connections.open();
            // Loaded on every connect: a restarted Redis has lost its script cache.
            scriptSha = jedis.scriptLoad(SCRIPT);
        }
        return jedis;
    }

    private void disconnect() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a broken Redis connection: {}", e.getMessage());
            }
            jedis = null;
        }
    }

    @Override
    public void close() {
        disconnect();
    }

    private static String loadScript() {
        try (InputStream in = JedisCounterWriter.class.getResourceAsStream("put-counter.lua")) {
            if (in == null) {
                throw new IllegalStateException("put-counter.lua missing from the connector jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
