package io.alertstream.topology.rules;

import java.util.List;

/**
 * One top-level conjunct of a rule's filter that pins a field to a set of literals: {@code
 * event.a.b == "x"}, {@code 5 == event.a}, {@code event["a"] == true} or {@code event.a in [1, 2]}.
 * Whenever the filter is true, the field's value has one of {@code keys} (as {@link IndexKeys#of}
 * computes them), so a rule filed under this term can be skipped for any event whose value does not.
 *
 * @param path the field path below the event, one segment per element (never empty)
 * @param keys the distinct keys of the literals, in source order; empty for {@code in []}
 */
record IndexTerm(List<String> path, List<Object> keys) {
    IndexTerm {
        path = List.copyOf(path);
        keys = List.copyOf(keys);
    }

    @Override
    public String toString() {
        return String.join(".", path) + " in " + keys;
    }
}
