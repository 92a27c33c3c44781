package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads 10,000 equality rules the way the rules store is restored (read the rule's JSON, compile,
 * put into the catalog one by one), then builds the index, and logs how long each stage took. A
 * measurement for issue #13, not a timed assertion: the machine's load decides the numbers. It
 * asserts only that the index files every rule and prunes an event to its one rule.
 */
class RuleLoadTimeTest {
    private static final Logger LOG = LoggerFactory.getLogger(RuleLoadTimeTest.class);
    private static final int RULES = 10_000;

    @Test
    void shouldLoadAndIndexTenThousandEqualityRules() {
        List<String> jsons = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            filters.add("event.service == \"svc-" + i + "\" && event.status >= 500");
        }
        IndexedRules.compile(filters.subList(0, 1000)); // JIT warm-up of the whole path
        for (CompiledRule rule : IndexedRules.compile(filters)) {
            jsons.add(rule.json());
        }

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startCpu = threads.getCurrentThreadCpuTime(); // steadier than wall time on a shared machine
        long start = System.nanoTime();
        List<CompiledRule> compiled = new ArrayList<>();
        for (String json : jsons) { // as RuleStoreUpdater does: read a rule, then compile it
            ParsedRule parsed = RuleSourceReader.readRule("rules topic", json).rules().get(0);
            compiled.add(RuleCompiler.compile(parsed).rule());
        }
        long compile = System.nanoTime();
        long compileCpu = threads.getCurrentThreadCpuTime();
        RuleCatalog catalog = new RuleCatalog();
        compiled.forEach(catalog::put);
        long put = System.nanoTime();
        RuleIndex index = catalog.current().index();
        long indexed = System.nanoTime();
        long indexedCpu = threads.getCurrentThreadCpuTime();

        LOG.info("{} rules: read JSON and compile {} ms, catalog puts {} ms, snapshot and index build {} ms, total {} ms;"
                + " CPU time: read and compile {} ms, puts, snapshot and index {} ms; {}",
                RULES, ms(compile - start), ms(put - compile), ms(indexed - put), ms(indexed - start),
                ms(compileCpu - startCpu), ms(indexedCpu - compileCpu), index);
        assertThat(index.size()).isEqualTo(RULES);
        assertThat(index.scanned()).isZero();
        assertThat(index.candidates(Map.of("service", "svc-4321", "status", 503L))).hasSize(1);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
