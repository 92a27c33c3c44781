package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.Routed;
import io.alertstream.topology.processors.EventParser;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchWorkloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldMatchEveryEventWithExactlyOneRuleWhateverTheRuleCount() throws Exception {
        BenchWorkload workload = new BenchWorkload(1000, 1_700_000_000_000L, 60_000, 5);
        for (int count : new int[] {1, 10, 100}) {
            RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("bench.yaml", BenchWorkload.rules(count) + BenchWorkload.probeRule()));
            assertThat(set.problems()).isEmpty();
            for (int i = 0; i < 200; i++) {
                ParsedEvent event = parse(workload.event(i, 200));
                long matching = set.rules().stream().filter(r -> r.matches(event.activation()) == CompiledRule.Match.YES).count();
                assertThat(matching).as("rules matching event %d of %d rules", i, count).isEqualTo(1);
            }
        }
    }

    /** Parsed by the real parser, so numbers have the types the filters see in the application. */
    private static ParsedEvent parse(byte[] value) {
        MockProcessorContext<byte[], Routed> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(System.currentTimeMillis()); // the parser bounds event time by the wall clock
        EventParser parser = new EventParser(AlertTopologyConfig.defaults());
        parser.init(context);
        parser.process(new Record<>(null, value, 0L));
        return (ParsedEvent) context.forwarded().get(0).record().value();
    }

    @Test
    void shouldCycleThroughTheKeysAndSpreadEventTimeOverTheSpan() throws Exception {
        BenchWorkload workload = new BenchWorkload(3, 1000, 900, 1);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            keys.add(JSON.readTree(workload.event(i, 9)).path("key").asText());
        }
        JsonNode last = JSON.readTree(workload.event(8, 9));

        assertThat(keys).containsExactlyInAnyOrder("k-0", "k-1", "k-2");
        assertThat(last.path("timestamp").asLong()).isEqualTo(1000 + 800);
    }

    @Test
    void shouldFindTheProbeIdOnlyInProbeAlertKeys() {
        assertThat(BenchWorkload.probeIdOf("latency-probe|probe=\"r0-17\"")).isEqualTo("r0-17");
        assertThat(BenchWorkload.probeIdOf("bench-0|key=\"k-1\"")).isNull();
        assertThat(BenchWorkload.probeIdOf(null)).isNull();
    }
}
