package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.backlog.ExpectedTransitions.Transition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backlog section's reading of the alerts topic (the workload and its model are tested in testkit). */
class BacklogRunTest {
    @Test
    void shouldReadTransitionsFromAlertJsonAndCountFoundUnexpectedAndDuplicated() throws Exception {
        String json = "{\"alertKey\":\"k\",\"status\":\"RESOLVED\",\"level\":null,\"previousLevel\":\"warning\","
                + "\"window\":{\"start\":\"1970-01-01T00:01:00Z\",\"end\":\"1970-01-01T00:02:00Z\"}}";
        Transition resolved = BacklogRun.transition(new ObjectMapper().readTree(json));
        assertThat(resolved).isEqualTo(new Transition("k", "RESOLVED", null, 60_000));

        Transition firing = new Transition("k", "FIRING", "warning", 0);
        Map<Transition, Integer> seen = new HashMap<>(Map.of(firing, 2, new Transition("k", "FIRING", "critical", 0), 1));
        BacklogRun.Sample s = BacklogRun.compare(Set.of(firing, resolved), seen);
        assertThat(List.of(s.found(), s.expected(), s.unexpected(), s.duplicated())).containsExactly(1, 2, 1, 1);
        assertThat(s.foundShare()).isEqualTo(0.5);
    }
}
