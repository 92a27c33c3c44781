package io.alertstream.topology.rules;

import java.util.List;
import java.util.Map;

/** Test fixture: compiles count rules from bare filters, ids {@code r-0000}, {@code r-0001}... in order. */
final class IndexedRules {
    private IndexedRules() {
    }

    /** A null filter makes a rule without one. */
    static List<CompiledRule> compile(List<String> filters) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i < filters.size(); i++) {
            yaml.append("  - id: ").append(id(i)).append('\n');
            if (filters.get(i) != null) {
                yaml.append("    filter: '").append(filters.get(i).replace("'", "''")).append("'\n");
            }
            yaml.append("    window: {size: 1m}\n    aggregate: count\n    triggers: {warning: {above: 1}}\n");
        }
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", yaml.toString()));
        if (!set.problems().isEmpty()) {
            throw new IllegalArgumentException(set.problems().toString());
        }
        return set.rules();
    }

    static String id(int i) {
        return "r-%04d".formatted(i);
    }

    static RuleIndex index(String... filters) {
        RuleCatalog catalog = new RuleCatalog();
        compile(java.util.Arrays.asList(filters)).forEach(catalog::put);
        return catalog.current().index();
    }
}
