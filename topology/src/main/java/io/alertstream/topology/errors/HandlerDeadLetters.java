package io.alertstream.topology.errors;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.InputLimits;
import io.alertstream.topology.deadletter.DeadLetterSizeLimit;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.notify.NotifyConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the dead-letter records the Kafka Streams exception handlers send (KIP-1034): the offending
 * record's original key and value bytes when Streams still holds them, with the same headers the
 * topology's own dead letters carry ({@link DeadLetters}: reason, message, source topic, partition,
 * offset) plus the processor that failed. Bounded like them: the message is cut to
 * {@link DeadLetters#MAX_MESSAGE_BYTES}, and a record above {@code alertstream.dead-letter.max.bytes}
 * leaves out the producer headers, value and key (saying so in {@link DeadLetters#DROPPED}).
 *
 * <p>Configured from the Streams properties (handlers receive them all): the topic is that of the failing
 * node's part ({@link #topicFor}): {@code alertstream.notify.topic.dead-letter} for the notification
 * router, {@code alertstream.digest.topic.dead-letter} for the digest, {@code alertstream.topic.dead-letter}
 * for the events path.
 */
final class HandlerDeadLetters {
    static final String PROCESSOR = DeadLetters.PROCESSOR;
    static final String EXCEPTION = DeadLetters.EXCEPTION;
    /** Timestamps the broker would refuse are replaced by the wall clock: a dead letter must always be accepted. */
    private static final long MAX_AHEAD_MS = 60_000;

    private final String eventsTopic;
    private final String notifyTopic;
    private final String digestTopic;
    private final int maxBytes;

    HandlerDeadLetters(String eventsTopic, String notifyTopic, String digestTopic, int maxBytes) {
        this.eventsTopic = eventsTopic;
        this.notifyTopic = notifyTopic;
        this.digestTopic = digestTopic;
        this.maxBytes = maxBytes;
    }

    static HandlerDeadLetters from(Map<String, ?> configs) {
        Properties p = new Properties();
        configs.forEach((k, v) -> {
            if (v != null) {
                p.put(k, String.valueOf(v));
            }
        });
        return new HandlerDeadLetters(AlertTopologyConfig.from(p).deadLetterTopic(), NotifyConfig.from(p).deadLetterTopic(),
                DigestConfig.from(p).deadLetterTopic(), InputLimits.from(p).maxDeadLetterBytes());
    }

    /**
     * The dead-letter topic of the part of the application the failing node belongs to: the notification
     * router's nodes are named {@code notify-*}, the digest's {@code digest-*}; everything else is the events
     * path. So a refused alert lands where the router's own dead letters go, a refused digest input beside the
     * digest's.
     */
    String topicFor(String processorNodeId) {
        if (processorNodeId != null && processorNodeId.startsWith("notify-")) {
            return notifyTopic;
        }
        if (processorNodeId != null && processorNodeId.startsWith("digest-")) {
            return digestTopic;
        }
        return eventsTopic;
    }

    /** True for any of the dead-letter topics: a failing dead letter is not dead-lettered again. */
    boolean isDeadLetterTopic(String topic) {
        return eventsTopic.equals(topic) || notifyTopic.equals(topic) || digestTopic.equals(topic);
    }

    ProducerRecord<byte[], byte[]> build(ErrorHandlerContext context, byte[] key, byte[] value, String reason, Exception e) {
        DeadLetters.Source source = context.topic() == null ? null
                : DeadLetters.Source.of(context.topic(), context.partition(), context.offset());
        RecordHeaders headers = DeadLetters.headers(DeadLetters.producerHeaders(context.headers()), reason,
                e.getClass().getName() + ": " + e.getMessage(), source, null);
        headers.add(EXCEPTION, utf8(e.getClass().getName()));
        if (context.processorNodeId() != null) {
            headers.add(PROCESSOR, utf8(context.processorNodeId()));
        }
        long now = System.currentTimeMillis();
        long timestamp = context.timestamp() < 0 || context.timestamp() > now + MAX_AHEAD_MS ? now : context.timestamp();
        return bounded(topicFor(context.processorNodeId()), key, value, headers, timestamp);
    }

    private ProducerRecord<byte[], byte[]> bounded(String topic, byte[] key, byte[] value, Headers headers, long timestamp) {
        DeadLetterSizeLimit.Bounded b = DeadLetterSizeLimit.bound(key, value, headers, maxBytes);
        return new ProducerRecord<>(topic, null, timestamp, b.key(), b.value(), b.headers());
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
