package io.alertstream.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Dead letters stay small enough for the producer: messages cut, then foreign headers, value and key left out. */
class DeadLetterSizeLimitTest {

    private static Headers headers() {
        return new RecordHeaders().add(DeadLetters.ERROR_TYPE, "oversize".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetters.SOURCE_OFFSET, "7".getBytes(StandardCharsets.UTF_8))
                .add("trace", new byte[3000]);
    }

    @Test
    void shouldKeepARecordThatFitsUnchanged() {
        byte[] value = new byte[100];
        DeadLetterSizeLimit.Bounded b = DeadLetterSizeLimit.bound(new byte[1], value, headers(), 10_000);
        assertThat(b.value()).isSameAs(value);
        assertThat(b.headers().lastHeader(DeadLetters.DROPPED)).isNull();
    }

    @Test
    void shouldLeaveOutTheProducersHeadersFirstThenTheValueThenTheKey() {
        DeadLetterSizeLimit.Bounded headersOnly = DeadLetterSizeLimit.bound(new byte[10], new byte[5_000], headers(), 6_000);
        assertThat(headersOnly.value()).as("the value is kept when leaving out the producer's headers is enough").hasSize(5_000);
        assertThat(headersOnly.headers().lastHeader("trace")).isNull();
        assertThat(dropped(headersOnly)).startsWith("the producer's headers (").doesNotContain("value");

        DeadLetterSizeLimit.Bounded valueToo = DeadLetterSizeLimit.bound(new byte[10], new byte[20_000], headers(), 10_000);
        assertThat(valueToo.value()).isNull();
        assertThat(valueToo.key()).hasSize(10);
        assertThat(dropped(valueToo)).contains("the producer's headers", "value (20000 bytes)").doesNotContain("key");

        DeadLetterSizeLimit.Bounded all = DeadLetterSizeLimit.bound(new byte[20_000], new byte[20_000], headers(), 1_000);
        assertThat(all.key()).isNull();
        assertThat(dropped(all)).contains("value (20000 bytes)", "key (20000 bytes)", "the producer's headers");
        assertThat(all.headers().lastHeader(DeadLetters.SOURCE_OFFSET)).as("the coordinates stay").isNotNull();
    }

    @Test
    void shouldFitWhenTheProducerSentHugeHeadersInTheDeadLettersOwnNamespace() {
        // A producer controls its headers' names: a 1 MiB "alertstream.pad" or a forged, huge reason must not
        // make the dead letter too large for the producer (under exactly-once the thread would loop on it).
        Headers forged = new RecordHeaders()
                .add("alertstream.pad", new byte[1 << 20])
                .add(DeadLetters.ERROR_TYPE, new byte[1 << 20])
                .add(DeadLetters.ERROR_TYPE, "bad-timestamp".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetters.SOURCE_OFFSET, "7".getBytes(StandardCharsets.UTF_8));
        DeadLetterSizeLimit.Bounded b = DeadLetterSizeLimit.bound(new byte[10], new byte[100], forged, 10_000);
        assertThat(DeadLetterSizeLimit.size(b.key()) + DeadLetterSizeLimit.size(b.value()) + DeadLetterSizeLimit.size(b.headers()))
                .isLessThanOrEqualTo(10_000);
        assertThat(b.value()).as("the value fits once the headers are gone").hasSize(100);
        assertThat(b.headers().lastHeader("alertstream.pad")).isNull();
        assertThat(new String(b.headers().lastHeader(DeadLetters.ERROR_TYPE).value(), StandardCharsets.UTF_8)).isEqualTo("bad-timestamp");
    }

    @Test
    void shouldNotCopyAnInputsHeadersOfTheDeadLettersOwnNames() {
        Headers input = new RecordHeaders()
                .add(DeadLetters.SOURCE_OFFSET, "forged".getBytes(StandardCharsets.UTF_8))
                .add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        RecordHeaders copy = DeadLetters.producerHeaders(input);
        assertThat(copy.lastHeader(DeadLetters.SOURCE_OFFSET)).isNull();
        assertThat(copy.lastHeader("traceparent")).isNotNull();
    }

    private static String dropped(DeadLetterSizeLimit.Bounded b) {
        return new String(b.headers().lastHeader(DeadLetters.DROPPED).value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldCutALongMessageBetweenCharactersWithAMarker() {
        byte[] cut = DeadLetters.truncated("é".repeat(2000), DeadLetters.MAX_MESSAGE_BYTES);
        assertThat(cut.length).isLessThanOrEqualTo(DeadLetters.MAX_MESSAGE_BYTES);
        String text = new String(cut, StandardCharsets.UTF_8);
        assertThat(text).endsWith("…[truncated]").doesNotContain("\uFFFD");
        assertThat(DeadLetters.truncated("short", 1024)).isEqualTo("short".getBytes(StandardCharsets.UTF_8));
    }
}
