package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.processors.EventParser;
import io.alertstream.topology.processors.RuleFanOut;
import io.alertstream.topology.rules.RuleCatalog;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import java.util.HashSet;
import java.util.List;
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

    @Test
    void shouldFanAnEventForServiceIOutToRuleIOnlyAmongTenThousandEqualityRules() throws Exception {
        int count = 10_000;
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("bench.yaml", BenchWorkload.equalityRules(count)));
        assertThat(set.problems()).isEmpty();
        assertThat(set.rules()).hasSize(count);
        RuleCatalog catalog = new RuleCatalog();
        set.rules().forEach(catalog::put);
        assertThat(catalog.current().index().scanned()).as("rules the index cannot narrow, evaluated on every event").isZero();
        FanOut fanOut = new FanOut(catalog);
        long now = System.currentTimeMillis();
        BenchWorkload workload = new BenchWorkload(1000, now - 60_000, 60_000, 5);

        // The fan-out forwards every rule whose filter is true (the index never drops one, see
        // RuleIndexEquivalenceTest), so one record out means exactly one rule matched.
        for (int i = 0; i < count; i++) {
            assertThat(fanOut.ruleIds(workload.serviceEvent(i, now, i)))
                    .as("rules matching the event of svc-%d", i).containsExactly(BenchWorkload.equalityRuleId(i));
        }
        BenchWorkload drawn = workload.withServices(count);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            byte[] event = drawn.event(i, 2000);
            String service = JSON.readTree(event).path("service").asText();
            List<String> matched = fanOut.ruleIds(event);
            assertThat(matched).as("rules matching workload event %d (%s)", i, service)
                    .containsExactly(BenchWorkload.equalityRuleId(Integer.parseInt(service.substring("svc-".length()))));
            seen.add(service);
        }
        assertThat(seen).as("services drawn over 2,000 events").hasSizeGreaterThan(1500);
    }

    /** The real parser and fan-out over one catalog: the rule ids an event's matches go to, in order. */
    private static final class FanOut {
        private final MockProcessorContext<byte[], ParseResult> parsed = new MockProcessorContext<>();
        private final MockProcessorContext<String, ParseResult> fannedOut = new MockProcessorContext<>();
        private final EventParser parser = new EventParser(AlertTopologyConfig.defaults());
        private final RuleFanOut fanOut;

        FanOut(RuleCatalog catalog) {
            parsed.setCurrentSystemTimeMs(System.currentTimeMillis()); // the parser bounds event time by the wall clock
            parser.init(parsed);
            fanOut = new RuleFanOut(catalog);
            fanOut.init(fannedOut);
        }

        List<String> ruleIds(byte[] value) {
            parsed.resetForwards();
            fannedOut.resetForwards();
            parser.process(new Record<>(null, value, 0L));
            ParsedEvent event = (ParsedEvent) parsed.forwarded().get(0).record().value();
            fanOut.process(new Record<>(null, event, event.eventTime()));
            return fannedOut.forwarded().stream().map(f -> f.record().key().substring(0, f.record().key().indexOf('|'))).toList();
        }
    }

    /** Parsed by the real parser, so numbers have the types the filters see in the application. */
    private static ParsedEvent parse(byte[] value) {
        MockProcessorContext<byte[], ParseResult> context = new MockProcessorContext<>();
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
