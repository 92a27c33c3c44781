package io.alertstream.topology.errors;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.InputLimits;
import io.alertstream.topology.processors.DeadLetterSizeLimit;
import io.alertstream.topology.processors.DeadLetters;
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
 * <p>Configured from the Streams properties (handlers receive them all): the topic is
 * {@code alertstream.topic.dead-letter}, the events dead-letter topic, whatever the sub-topology; the
 * source topic header tells records of the digest or notification inputs apart.
 */
final class HandlerDeadLetters {
    static final String PROCESSOR = DeadLetters.PROCESSOR;
    static final String EXCEPTION = DeadLetters.EXCEPTION;
    /** Timestamps the broker would refuse are replaced by the wall clock: a dead letter must always be accepted. */
    private static final long MAX_AHEAD_MS = 60_000;

    private final String topic;
    private final int maxBytes;

    HandlerDeadLetters(String topic, int maxBytes) {
        this.topic = topic;
        this.maxBytes = maxBytes;
    }

    static HandlerDeadLetters from(Map<String, ?> configs) {
        Properties p = new Properties();
        configs.forEach((k, v) -> {
            if (v != null) {
                p.put(k, String.valueOf(v));
            }
        });
        AlertTopologyConfig config = AlertTopologyConfig.from(p);
        return new HandlerDeadLetters(config.deadLetterTopic(), InputLimits.from(p).maxDeadLetterBytes());
    }

    String topic() {
        return topic;
    }

    ProducerRecord<byte[], byte[]> build(ErrorHandlerContext context, byte[] key, byte[] value, String reason, Exception e) {
        RecordHeaders headers = DeadLetters.producerHeaders(context.headers());
        headers.add(DeadLetters.ERROR_TYPE, utf8(reason));
        headers.add(DeadLetters.ERROR_MESSAGE, DeadLetters.truncated(e.getClass().getName() + ": " + e.getMessage(),
                DeadLetters.MAX_MESSAGE_BYTES));
        headers.add(EXCEPTION, utf8(e.getClass().getName()));
        if (context.topic() != null) {
            headers.add(DeadLetters.SOURCE_TOPIC, utf8(context.topic()));
            headers.add(DeadLetters.SOURCE_PARTITION, utf8(String.valueOf(context.partition())));
            headers.add(DeadLetters.SOURCE_OFFSET, utf8(String.valueOf(context.offset())));
        }
        if (context.processorNodeId() != null) {
            headers.add(PROCESSOR, utf8(context.processorNodeId()));
        }
        long now = System.currentTimeMillis();
        long timestamp = context.timestamp() < 0 || context.timestamp() > now + MAX_AHEAD_MS ? now : context.timestamp();
        return bounded(key, value, headers, timestamp);
    }

    private ProducerRecord<byte[], byte[]> bounded(byte[] key, byte[] value, Headers headers, long timestamp) {
        DeadLetterSizeLimit.Bounded b = DeadLetterSizeLimit.bound(key, value, headers, maxBytes);
        return new ProducerRecord<>(topic, null, timestamp, b.key(), b.value(), b.headers());
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
