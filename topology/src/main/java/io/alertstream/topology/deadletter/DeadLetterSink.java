package io.alertstream.topology.deadletter;

import io.alertstream.topology.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The one way a sub-topology writes its {@link DeadLetter}s: keyed and valued by the original bytes, each record
 * bounded by {@link DeadLetterSizeLimit} so the producer never refuses it (a refusal would stop the stream thread).
 */
public final class DeadLetterSink {
    private DeadLetterSink() {
    }

    /**
     * Writes {@code deadLetters} (every value a {@link DeadLetter}, as a split by type leaves them) to {@code topic}.
     * The nodes are named {@code <prefix>original-bytes} and {@code <prefix>dead-letter-sink}, so each sub-topology's
     * dead letters stay recognisable in the topology description and the exception handlers' routing.
     */
    public static <K, V> void addTo(KStream<K, V> deadLetters, String topic, int maxBytes, String prefix) {
        deadLetters.process(() -> new DeadLetterSizeLimit<K, V>(maxBytes), Named.as(prefix + "original-bytes"))
                .to(topic, Topics.DEAD_LETTER.produced(prefix + "dead-letter-sink"));
    }
}
