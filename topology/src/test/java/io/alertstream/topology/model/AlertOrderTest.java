package io.alertstream.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transitions are ordered by their {@code at}; one without a readable time is never "before" another. */
class AlertOrderTest {
    @Test
    void shouldOrderByTheTimeOfTheTransitionAndNeverByAMissingOne() {
        Alert early = at("2026-12-01T10:00:00Z");
        Alert late = at("2026-12-01T10:00:01Z");

        assertThat(early.happenedBefore(late)).isTrue();
        assertThat(late.happenedBefore(early)).isFalse();
        assertThat(early.happenedBefore(early)).as("not before itself").isFalse();
        assertThat(at(null).happenedBefore(late)).isFalse();
        assertThat(early.happenedBefore(at("yesterday"))).isFalse();
    }

    @Test
    void shouldReadAnAlertWithFieldsItDoesNotKnow() throws Exception {
        Alert read = Alert.fromJson("{\"id\":\"a1\",\"status\":\"FIRING\",\"at\":\"2026-12-01T10:00:00Z\",\"newField\":{\"x\":1}}");

        assertThat(read.id()).isEqualTo("a1");
        assertThat(read.status()).isEqualTo(Alert.FIRING);
        assertThat(Alert.fromJson("null")).isNull();
    }

    private static Alert at(String at) {
        return new Alert("a", "k", "r", Alert.FIRING, "warning", null, Map.of(), 1.0, 0.0, null, at, at, "s", Map.of(),
                List.of(), List.of());
    }
}
