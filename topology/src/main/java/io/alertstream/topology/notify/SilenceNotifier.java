package io.alertstream.topology.notify;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.silence.Silence;
import io.alertstream.topology.silence.SilenceCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tells a silence's creator when it starts and when it ends ({@link SilenceNotices}), and writes an
 * {@code until: resolved} silence back to the silences topic with {@code ends_at} and {@code ended_by: resolved}
 * once everything it matched resolved, so its end survives a restart (and {@code <id>#matched} once it has matched,
 * see {@link SilenceCatalog}). Deletes (tombstones) silences that ended more
 * than {@link #RETENTION_MS} (7 days) ago, so the silences the stream threads check stay few.
 *
 * <p>Silences are global, so exactly one task does this: partition 0 of the grouping sub-topology (it always
 * exists, and moves with its logged store {@code notify-silence-notices}, silence id to {@code started} or
 * {@code ended}, on a rebalance). Its input (the grouped alerts) is ignored; every check interval of wall-clock
 * time it compares the silences in force with what it already told. A silence already over when first seen is
 * not announced. Output: {@link Notification}s keyed by id, and {@link Silence}s keyed by silence id.
 */
final class SilenceNotifier implements Processor<String, GroupedAlert, String, Object> {
    private static final String STARTED = "started";
    private static final String ENDED = "ended";
    /** How long a silence is kept on the topic after it ended (for GET /v1/silences), before the engine deletes it. */
    static final long RETENTION_MS = java.time.Duration.ofDays(7).toMillis();
    private final NotifyConfig config;
    private final RoutingCatalog routing;
    private final SilenceCatalog silences;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, String> told;

    SilenceNotifier(NotifyConfig config, RoutingCatalog routing, SilenceCatalog silences) {
        this.config = config;
        this.routing = routing;
        this.silences = silences;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.told = context.getStateStore(StoreNames.SILENCE_NOTICES);
        if (context.taskId().partition() == 0) {
            context.schedule(config.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
        }
    }

    @Override
    public void process(Record<String, GroupedAlert> record) {
        // Only the punctuation matters: the records are the sub-topology's input, handled by the grouper.
    }

    private void check(long now) {
        Set<String> known = new HashSet<>();
        for (Silence s : silences.all()) {
            known.add(s.id());
            String state = told.get(s.id());
            boolean active = silences.active(s.id(), now);
            if (state == null) {
                if (active) {
                    notify(s, SilenceNotices.STARTED, now);
                    told.put(s.id(), STARTED);
                } else if (silences.started(s.id(), now)) {
                    told.put(s.id(), ENDED); // over before this task saw it start: nothing to announce
                }
            } else if (state.equals(STARTED)) {
                if (active) {
                    if (silences.matchedUnrecorded(s.id(), now)) {
                        // On the topic, so that a restart knows it matched: an empty rebuilt matched set then means it is over.
                        context.forward(new Record<>(s.id() + SilenceCatalog.MATCHED_SUFFIX, (Object) SilenceCatalog.version(s), now));
                    }
                } else {
                    Silence ended = s;
                    if (s.endsAt() == null && silences.resolvedAway(s.id(), now)) {
                        ended = s.endedAt(Instant.ofEpochMilli(now).toString(), Silence.UNTIL_RESOLVED);
                        context.forward(new Record<>(s.id(), (Object) ended, now));
                    }
                    notify(ended, SilenceNotices.ENDED, now);
                    told.put(s.id(), ENDED);
                }
            } else if (active) {
                told.put(s.id(), STARTED); // extended again (a new ends_at): its next end is told
            } else if (s.endsAt() != null && Instant.parse(s.endsAt()).toEpochMilli() + RETENTION_MS < now) {
                context.forward(new Record<>(s.id(), null, now)); // tombstones: every store forgets it
                if (s.untilResolved()) {
                    context.forward(new Record<>(s.id() + SilenceCatalog.MATCHED_SUFFIX, null, now));
                }
            }
        }
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, String> it = told.all()) {
            it.forEachRemaining(kv -> {
                if (!known.contains(kv.key)) {
                    gone.add(kv.key);
                }
            });
        }
        gone.forEach(told::delete);
    }

    private void notify(Silence s, String kind, long now) {
        // An end's id names the end, so a silence extended and ended again is told again (not dropped as a repeat).
        String about = kind.equals(SilenceNotices.ENDED) ? String.valueOf(s.endsAt()) : "";
        for (Notification n : SilenceNotices.of(routing.current(), s, kind, about, now, List.of())) {
            context.forward(new Record<>(n.id(), (Object) n, now));
        }
    }
}
