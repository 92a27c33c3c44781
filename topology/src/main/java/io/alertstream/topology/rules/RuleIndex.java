package io.alertstream.topology.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows the enabled rules to those whose filter can match an event, so fan-out evaluates a few
 * filters per event instead of all of them. Input: the enabled rules in catalog order, then one
 * event's fields at a time. Output: the ordinals (positions in catalog order) of the candidate
 * rules, ascending, so evaluation keeps the catalog's order.
 *
 * <p>Semantics: a rule with at least one {@link IndexTerm} is filed under exactly one of them (field
 * path, then each key); a rule without goes to the scan list. The candidates of an event are, for
 * every indexed path, the rules filed under the key of the event's value there, plus the scan list.
 * The index only prunes: the caller still evaluates each candidate's filter. It never drops a rule
 * whose filter is true, because a true filter makes its filed term true, which means the event's
 * value at that path has one of the term's keys. A missing field, a JSON null, a map or a list
 * yields no candidates from that path (CEL's {@code ==} cannot hold it equal to a scalar literal).
 *
 * <p>Immutable once built, so every stream thread shares it.
 */
public final class RuleIndex {
    private static final int[] NONE = new int[0];

    private final CompiledRule[] rules;
    private final IndexTerm[] filedUnder;
    private final String[][] paths;
    private final List<Map<Object, int[]>> buckets;
    private final int[] scan;

    private RuleIndex(CompiledRule[] rules, IndexTerm[] filedUnder, String[][] paths, List<Map<Object, int[]>> buckets, int[] scan) {
        this.rules = rules;
        this.filedUnder = filedUnder;
        this.paths = paths;
        this.buckets = buckets;
        this.scan = scan;
    }

    /** Indexes rules in the given order (the catalog's id order); ordinals are positions in it. */
    public static RuleIndex build(List<CompiledRule> enabled) {
        CompiledRule[] rules = enabled.toArray(new CompiledRule[0]);
        IndexTerm[] filedUnder = chooseTerms(rules);
        Map<List<String>, Map<Object, List<Integer>>> byPath = new LinkedHashMap<>();
        List<Integer> scanned = new ArrayList<>();
        for (int i = 0; i < rules.length; i++) {
            IndexTerm term = filedUnder[i];
            if (term == null) {
                scanned.add(i);
                continue;
            }
            Map<Object, List<Integer>> byKey = byPath.computeIfAbsent(term.path(), p -> new HashMap<>());
            for (Object key : term.keys()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i); // keys are distinct per term: no duplicates
            }
        }
        String[][] paths = new String[byPath.size()][];
        List<Map<Object, int[]>> buckets = new ArrayList<>(byPath.size());
        int p = 0;
        for (var entry : byPath.entrySet()) {
            paths[p++] = entry.getKey().toArray(new String[0]);
            Map<Object, int[]> byKey = new HashMap<>(entry.getValue().size() * 2);
            entry.getValue().forEach((key, ordinals) -> byKey.put(key, toArray(ordinals)));
            buckets.add(byKey);
        }
        return new RuleIndex(rules, filedUnder, paths, buckets, toArray(scanned));
    }

    /**
     * Picks, per rule, the term with the fewest rules sharing its keys across the whole catalog, so
     * a common conjunct ({@code event.env == "prod"}) does not become a bucket holding every rule
     * while a rarer one ({@code event.service == "svc-12"}) is at hand. Ties go to the earlier term,
     * so the choice is deterministic.
     */
    private static IndexTerm[] chooseTerms(CompiledRule[] rules) {
        Map<List<String>, Map<Object, Integer>> uses = new HashMap<>();
        for (CompiledRule rule : rules) {
            for (IndexTerm term : rule.indexTerms()) {
                Map<Object, Integer> byKey = uses.computeIfAbsent(term.path(), p -> new HashMap<>());
                term.keys().forEach(key -> byKey.merge(key, 1, Integer::sum));
            }
        }
        IndexTerm[] chosen = new IndexTerm[rules.length];
        for (int i = 0; i < rules.length; i++) {
            long best = Long.MAX_VALUE;
            for (IndexTerm term : rules[i].indexTerms()) {
                Map<Object, Integer> byKey = uses.get(term.path());
                long cost = term.keys().stream().mapToLong(byKey::get).sum();
                if (cost < best) {
                    best = cost;
                    chosen[i] = term;
                }
            }
        }
        return chosen;
    }

    /**
     * The ordinals of the rules whose filter can be true for an event, ascending. The array may be
     * shared with the index: read it, never write it.
     */
    public int[] candidates(Map<String, Object> fields) {
        int[] result = scan;
        for (int p = 0; p < paths.length; p++) {
            Object key = IndexKeys.of(IndexKeys.read(fields, paths[p]));
            if (key == null) {
                continue;
            }
            int[] found = buckets.get(p).get(key);
            if (found != null) {
                result = result.length == 0 ? found : merge(result, found);
            }
        }
        return result;
    }

    /** The rule at an ordinal. */
    public CompiledRule rule(int ordinal) {
        return rules[ordinal];
    }

    /** How many rules are indexed (filed under a term or scanned). */
    public int size() {
        return rules.length;
    }

    /** The number of rules evaluated on every event whatever its fields. */
    public int scanned() {
        return scan.length;
    }

    /** The term a rule is filed under, or null when it is on the scan list. */
    IndexTerm filedUnder(String ruleId) {
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].id().equals(ruleId)) {
                return filedUnder[i];
            }
        }
        throw new IllegalArgumentException("no enabled rule '" + ruleId + "'");
    }

    /** Merges two ascending, disjoint ordinal arrays (a rule is filed under one term only). */
    private static int[] merge(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = a[i] < b[j] ? a[i++] : b[j++];
        }
        while (i < a.length) {
            out[k++] = a[i++];
        }
        while (j < b.length) {
            out[k++] = b[j++];
        }
        return out;
    }

    private static int[] toArray(List<Integer> ordinals) {
        return ordinals.isEmpty() ? NONE : ordinals.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return "RuleIndex[" + rules.length + " rules, " + paths.length + " indexed fields " + Arrays.deepToString(paths)
                + ", " + scan.length + " scanned]";
    }
}
