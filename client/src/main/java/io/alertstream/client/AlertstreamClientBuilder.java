package io.alertstream.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures an {@link AlertstreamClient}; obtained from {@link AlertstreamClient#kafka},
 * {@link AlertstreamClient#http} or {@link AlertstreamClient#custom}. Every setting has a default, so
 * {@code AlertstreamClient.kafka(servers, topic).build()} is a working client. Kafka-only settings on an
 * HTTP builder (and the reverse) are refused at once rather than silently ignored.
 */
public final class AlertstreamClientBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(AlertstreamClientBuilder.class);

    public static final int DEFAULT_BUFFER_CAPACITY = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(200);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private enum Kind { KAFKA, HTTP, CUSTOM }

    private final Kind kind;
    private final String target;
    private final String topicOrToken;
    private final Transport custom;
    int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
    int batchSize = DEFAULT_BATCH_SIZE;
    Duration linger = DEFAULT_LINGER;
    Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;
    Duration backoffMax = DEFAULT_BACKOFF_MAX;
    Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    DropListener onDrop = (event, reason) -> LOG.debug("Event dropped ({})", reason);
    Consumer<RejectedEvent> onRejected = r -> LOG.warn("Event rejected: {} {}", r.reason(), r.detail());
    ObjectMapper objectMapper = new ObjectMapper();
    private final Properties kafkaProperties = new Properties();
    private String keyField;
    private Duration httpTimeout = DEFAULT_HTTP_TIMEOUT;

    private AlertstreamClientBuilder(Kind kind, String target, String topicOrToken, Transport custom) {
        this.kind = kind;
        this.target = target;
        this.topicOrToken = topicOrToken;
        this.custom = custom;
    }

    static AlertstreamClientBuilder kafka(String bootstrapServers, String topic) {
        return new AlertstreamClientBuilder(Kind.KAFKA, require(bootstrapServers, "bootstrapServers"), require(topic, "topic"), null);
    }

    static AlertstreamClientBuilder http(String baseUrl, String token) {
        URI.create(require(baseUrl, "baseUrl"));
        return new AlertstreamClientBuilder(Kind.HTTP, baseUrl, require(token, "token"), null);
    }

    static AlertstreamClientBuilder custom(Transport transport) {
        return new AlertstreamClientBuilder(Kind.CUSTOM, null, null, Objects.requireNonNull(transport, "transport"));
    }

    /** Events the buffer holds before {@code send} drops (default 10,000). */
    public AlertstreamClientBuilder bufferCapacity(int events) {
        this.bufferCapacity = positive(events, "bufferCapacity");
        return this;
    }

    /** Most events in one delivery (default 500). */
    public AlertstreamClientBuilder batchSize(int events) {
        this.batchSize = positive(events, "batchSize");
        return this;
    }

    /** How long a batch waits for more events after its first, unless full sooner (default 200 ms). */
    public AlertstreamClientBuilder linger(Duration linger) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative: " + linger);
        }
        this.linger = linger;
        return this;
    }

    /** {@link #linger(Duration)} in milliseconds. */
    public AlertstreamClientBuilder lingerMs(long ms) {
        return linger(Duration.ofMillis(ms));
    }

    /**
     * Retry waits: exponential from {@code initial} (doubling), capped at {@code max}, each within ±20 % so that many
     * clients that lost the same server do not come back in lockstep (default 100 ms, 10 s).
     */
    public AlertstreamClientBuilder backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.backoffInitial = initial;
        this.backoffMax = max;
        return this;
    }

    /** The retry waits these settings describe (kafka-clients' backoff, as the connectors and Kafka's own clients use). */
    ExponentialBackoff retryBackoff() {
        return new ExponentialBackoff(backoffInitial.toMillis(), 2, backoffMax.toMillis(), 0.2);
    }

    /** How long {@code close()} keeps delivering before it drops what is left (default 10 s). */
    public AlertstreamClientBuilder closeTimeout(Duration timeout) {
        this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Told of each dropped event (default: a debug log line). Runs on the dropping thread: keep it quick. */
    public AlertstreamClientBuilder onDrop(DropListener listener) {
        this.onDrop = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Told of each event refused for good (default: a warning log line). Runs on the sender thread. */
    public AlertstreamClientBuilder onRejected(Consumer<RejectedEvent> listener) {
        this.onRejected = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The Jackson mapper {@code send} writes events with (e.g. one with the JavaTimeModule). */
    public AlertstreamClientBuilder objectMapper(ObjectMapper mapper) {
        this.objectMapper = Objects.requireNonNull(mapper, "mapper");
        return this;
    }

    /** Kafka only: one producer property (TLS, SASL, timeouts...); overrides the client's defaults except idempotence. */
    public AlertstreamClientBuilder kafkaProperty(String key, String value) {
        only(Kind.KAFKA, "kafkaProperty");
        kafkaProperties.put(key, value);
        return this;
    }

    /** Kafka only: producer properties, as {@link #kafkaProperty} each. */
    public AlertstreamClientBuilder kafkaProperties(Properties properties) {
        only(Kind.KAFKA, "kafkaProperties");
        kafkaProperties.putAll(properties);
        return this;
    }

    /** Kafka only: the record key is this top-level field's value (as text); absent field or unset: no key. */
    public AlertstreamClientBuilder keyField(String field) {
        only(Kind.KAFKA, "keyField");
        this.keyField = field;
        return this;
    }

    /** HTTP only: connect and request timeout of each POST (default 10 s). */
    public AlertstreamClientBuilder httpTimeout(Duration timeout) {
        only(Kind.HTTP, "httpTimeout");
        this.httpTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Creates the transport and starts the sender thread. */
    public AlertstreamClient build() {
        Transport transport = switch (kind) {
            case KAFKA -> new KafkaTransport(target, topicOrToken, kafkaProperties, keyField);
            case HTTP -> new HttpTransport(URI.create(target), topicOrToken, httpTimeout);
            case CUSTOM -> custom;
        };
        return new AlertstreamClient(this, transport);
    }

    private void only(Kind wanted, String setting) {
        if (kind != wanted) {
            throw new IllegalStateException(setting + " applies to " + wanted.name().toLowerCase(java.util.Locale.ROOT)
                    + " clients only, this is a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " client");
        }
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
