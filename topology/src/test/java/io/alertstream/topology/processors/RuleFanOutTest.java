package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.rules.RuleSetLoader;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Fan-out through the rule index: every matching rule, indexed or scanned, in rule id order, and no other. */
class RuleFanOutTest {
    private static final String RULES = """
            rules:
              - {id: a-api, filter: 'event.service == "api" && event.status >= 500', group_by: [host], window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
              - {id: b-any, group_by: [host], window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
              - {id: c-web, filter: 'event.service == "web"', group_by: [host], window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
              - {id: d-500, filter: 'event.status in [500, 503]', group_by: [host], window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
              - {id: e-or, filter: 'event.service == "web" || event.status == 500.0', group_by: [host], window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
            """;

    private static List<String> fanOut(Map<String, Object> fields) {
        RuleCatalog catalog = new RuleCatalog();
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", RULES));
        assertThat(set.problems()).isEmpty();
        set.rules().forEach(catalog::put);
        MockProcessorContext<String, ParseResult> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
        RuleFanOut processor = new RuleFanOut(catalog);
        processor.init(context);
        processor.process(new Record<>(null, new ParsedEvent(fields, 1000L, new byte[0]), 1000L));
        return context.forwarded().stream().<String>map(f -> f.record().key()).toList();
    }

    @Test
    void shouldForwardEveryMatchingRuleInIdOrder() {
        assertThat(fanOut(Map.of("service", "api", "status", 500L, "host", "h1")))
                .containsExactly("a-api|host=\"h1\"", "b-any|host=\"h1\"", "d-500|host=\"h1\"", "e-or|host=\"h1\"");
    }

    @Test
    void shouldSkipRulesWhoseIndexedFieldDiffersOrIsMissing() {
        assertThat(fanOut(Map.of("service", "web", "status", 404L, "host", "h1")))
                .containsExactly("b-any|host=\"h1\"", "c-web|host=\"h1\"", "e-or|host=\"h1\"");
        assertThat(fanOut(Map.of("host", "h1"))).containsExactly("b-any|host=\"h1\"");
    }
}
