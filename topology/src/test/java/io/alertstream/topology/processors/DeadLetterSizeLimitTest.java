package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Dead letters stay small enough for the producer: messages cut, then value, key and foreign headers left out. */
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
    void shouldLeaveOutTheValueFirstThenTheKeyThenTheProducersHeaders() {
        DeadLetterSizeLimit.Bounded valueOnly = DeadLetterSizeLimit.bound(new byte[10], new byte[20_000], headers(), 10_000);
        assertThat(valueOnly.value()).isNull();
        assertThat(valueOnly.key()).hasSize(10);
        assertThat(valueOnly.headers().lastHeader("trace")).isNotNull();

        DeadLetterSizeLimit.Bounded all = DeadLetterSizeLimit.bound(new byte[20_000], new byte[20_000], headers(), 1_000);
        assertThat(all.key()).isNull();
        assertThat(all.headers().lastHeader("trace")).isNull();
        assertThat(new String(all.headers().lastHeader(DeadLetters.DROPPED).value(), StandardCharsets.UTF_8))
                .contains("value (20000 bytes)", "key (20000 bytes)", "the producer's headers");
        assertThat(all.headers().lastHeader(DeadLetters.SOURCE_OFFSET)).as("the coordinates stay").isNotNull();
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
