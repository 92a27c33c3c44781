package io.alertstream.topology.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an absence rule ({@code absent:}) asks for: a group that has sent matching events and then
 * sends none for {@code for} fires at {@code level}; it resolves at its next matching event.
 *
 * @param silence how long a group may send nothing (the rule file's {@code for}), more than 0, at most 365d
 * @param grace   how late (behind the watermark) a matching event may arrive and still count; the silence
 *                is judged once the watermark has passed its end plus grace
 * @param level   the level the alert fires at
 * @param groups  groups expected to report even if they never have: each maps every {@code group_by} field to
 *                its value (string, number, boolean or null, as in the events)
 */
public record Absence(Duration silence, Duration grace, Level level, List<Map<String, Object>> groups) {
    /** The most groups one rule may list: each is registered by every evaluating task when the rule changes. */
    public static final int MAX_GROUPS = 1000;

    public Absence {
        groups = List.copyOf(groups.stream().map(java.util.Collections::unmodifiableMap).toList());
    }

    public long silenceMs() {
        return silence.toMillis();
    }

    public long graceMs() {
        return grace.toMillis();
    }

    /**
     * The windows the rule's matches travel in: one slot per {@code for}, so the matches an upstream task
     * gathers into one partial are less than {@code for} apart and can hide no silence between them.
     */
    public WindowSpec slots() {
        return new WindowSpec(silence, silence, grace);
    }
}
