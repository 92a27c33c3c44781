package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog's snapshots: a write shows in the next read, an unchanged catalog keeps its snapshot and index. */
class RuleCatalogTest {

    @Test
    void shouldShowEveryWriteInTheNextSnapshotWithItsIndex() {
        List<CompiledRule> rules = IndexedRules.compile(Arrays.asList("event.service == \"a\"", "event.service == \"b\"", null));
        RuleCatalog catalog = new RuleCatalog();
        assertThat(catalog.current().index().size()).isZero();

        catalog.put(rules.get(1));
        catalog.put(rules.get(0));
        RuleCatalog.Snapshot two = catalog.current();
        assertThat(two.enabled()).extracting(CompiledRule::id).containsExactly("r-0000", "r-0001");
        assertThat(two.index().candidates(Map.of("service", "b"))).containsExactly(1);
        assertThat(catalog.current()).isSameAs(two);

        catalog.put(rules.get(2));
        catalog.remove("r-0000");
        catalog.remove("no-such-rule");
        RuleCatalog.Snapshot next = catalog.current();
        assertThat(next.enabled()).extracting(CompiledRule::id).containsExactly("r-0001", "r-0002");
        assertThat(next.index().candidates(Map.of("service", "a"))).containsExactly(1);
        assertThat(next.enabledRule("r-0000")).isNull();
        assertThat(two.enabledRule("r-0000")).isNotNull(); // an older snapshot never changes
    }

    @Test
    void shouldLeaveDisabledRulesOutOfTheIndex() {
        String yaml = """
                rules:
                  - {id: off, enabled: false, filter: 'event.service == "a"', window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
                  - {id: on, filter: 'event.service == "a"', window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
                """;
        RuleCatalog catalog = new RuleCatalog();
        RuleSetLoader.loadSources(Map.of("r.yaml", yaml)).rules().forEach(catalog::put);
        RuleIndex index = catalog.current().index();
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.rule(index.candidates(Map.of("service", "a"))[0]).id()).isEqualTo("on");
        assertThat(catalog.current().byId()).containsOnlyKeys("off", "on");
    }
}
