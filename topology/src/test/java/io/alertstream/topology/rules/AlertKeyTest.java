package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GroupKeyTest {

    @Test
    void shouldDecodeAKeyHoldingInfinityWrittenBeforeNonFiniteNumbersWereRefused() {
        // A pending-counter key committed by an older version: decoding it runs in a punctuation after every restart.
        assertThat(AlertKey.decode("service=Infinity,code=-Infinity,route=\"/a\""))
                .containsEntry("service", Double.POSITIVE_INFINITY).containsEntry("code", Double.NEGATIVE_INFINITY)
                .containsEntry("route", "/a");
    }
}
