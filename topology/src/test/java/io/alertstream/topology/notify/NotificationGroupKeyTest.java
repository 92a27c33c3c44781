package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The printed notification group: labels quoted by the one label-value escaper. */
class NotificationGroupKeyTest {

    @Test
    void shouldQuoteValuesSoNoneCanEndItsQuotesOrHoldASeparator() {
        NotificationGroupKey.Key key = NotificationGroupKey.of(List.of("service", "team", "missing"),
                Map.of("service", "check\"out\\", "team", "a\u0000b"), null);

        assertThat(key.text()).isEqualTo("{service=\"check\\\"out\\\\\",team=\"a\\u0000b\",missing=\"\"}");
        assertThat(key.text()).doesNotContain("\u0000");
        assertThat(key.labels()).containsEntry("team", "a\u0000b").containsEntry("missing", "");
    }
}
