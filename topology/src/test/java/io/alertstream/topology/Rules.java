package io.alertstream.topology;

import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import java.util.List;
import java.util.Map;

/** Compiles rules written inline in tests, failing loudly on any problem. */
final class Rules {
    private Rules() {
    }

    static List<CompiledRule> of(String yaml) {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("test.yaml", yaml));
        if (!set.ok()) {
            throw new AssertionError("test rules are invalid: " + set.problems());
        }
        return set.rules();
    }
}
