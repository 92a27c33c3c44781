package io.alertstream.topology.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.AlertTopology;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.FanOutSerde;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for any rule and any events (none later than grace), the alert transitions are the same
 * whatever the arrival order, and equal to those of {@link ReferenceJudge}. Each seed draws a rule
 * (tumbling or hopping, grace, {@code for}, hysteresis, one or two levels, count / distinct_count /
 * max / min below / sum / avg / p95, fixed thresholds or thresholds read from an event field on one or
 * both levels) and events for several groups with runs of breaching windows, gaps, values right at the
 * thresholds, and per-event thresholds (some events without one, some sharing a timestamp); then spreads them over 1 to 4 upstream tasks and feeds
 * the evaluating task the interleaved fan-out stream (matches, partial aggregates of a slot as
 * pre-aggregation sends them, and each task's watermarks) in several random interleavings, as the
 * fan-out topic would deliver them during a live run or a catch-up.
 */
class OrderIndependenceTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final int SEEDS = Integer.getInteger("alertstream.property.seeds", 30);
    private static final int ORDERS = 3;
    private static final int GROUPS = 4;
    private static final int WINDOWS = 14;

    @TempDir
    Path tmp;

    /** One generated case: a rule, its events per group, and what the model says. */
    private record Case(String yaml, ReferenceJudge.Rule model, long graceMs, List<Event> events, String aggregate) {
    }

    /** @param threshold the event's value of the threshold field; NaN when it carries none */
    private record Event(String group, long time, double number, long hash, double threshold) {
    }

    @Test
    void shouldEmitTheSameTransitionsAsTheReferenceWhateverTheArrivalOrder() throws Exception {
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            Case c = generate(random);
            CompiledRule rule = compile(c.yaml());
            long horizon = T0 + (WINDOWS + 6) * c.model().sizeMs();
            Map<String, List<ReferenceJudge.Transition>> expected = expected(c, rule, horizon);
            Map<String, List<String>> firstIds = null;
            for (int order = 0; order < ORDERS; order++) {
                int sources = 1 + random.nextInt(4);
                List<TestRecord<String, FanOut>> stream = interleave(c, rule, sources, random, horizon);
                List<Alert> alerts = run(rule, stream, seed * 10 + order);
                Map<String, List<ReferenceJudge.Transition>> actual = new TreeMap<>();
                Map<String, List<String>> ids = new TreeMap<>();
                Map<String, Instant> lastAt = new HashMap<>();
                for (Alert a : alerts) {
                    Instant at = Instant.parse(a.at());
                    Instant before = lastAt.put(a.alertKey(), at);
                    assertThat(before == null || at.isAfter(before)).as("one alert's transitions ordered by at: %s after %s",
                            at, before).isTrue();
                    actual.computeIfAbsent(a.alertKey(), k -> new ArrayList<>()).add(new ReferenceJudge.Transition(a.status(),
                            a.level(), a.previousLevel(), Instant.parse(a.window().start()).toEpochMilli()));
                    ids.computeIfAbsent(a.alertKey(), k -> new ArrayList<>()).add(a.id());
                }
                if (!actual.equals(expected) && System.getProperty("alertstream.property.debug") != null) {
                    for (TestRecord<String, FanOut> rec : stream) {
                        if (rec.key().isEmpty() || rec.key().contains(System.getProperty("alertstream.property.debug"))) {
                            System.err.println("IN " + rec.key() + " " + rec.value());
                        }
                    }
                    alerts.forEach(a -> System.err.println("OUT " + a.alertKey() + " " + a.status() + " " + a.window().start() + " at " + a.at()));
                }
                assertThat(actual).as("seed %d, order %d, %d upstream tasks, rule:%n%s", seed, order, sources, c.yaml())
                        .isEqualTo(expected);
                if (firstIds == null) {
                    firstIds = ids;
                } else {
                    assertThat(ids).as("ids, seed %d order %d", seed, order).isEqualTo(firstIds);
                }
            }
        }
    }

    /**
     * The same property for absence rules: per group, events with gaps shorter than, equal to and longer
     * than {@code for}; watermarks at each task's newest event time, so events arrive up to grace behind
     * the watermark (late but counted), in random interleavings of 1 to 4 upstream tasks, as matches or
     * partials. Transitions in full ({@code at} and {@code startsAt} too) must be those of
     * {@link ReferenceAbsence} in every order, and their ids the same in every order.
     */
    @Test
    void shouldJudgeAbsenceAsTheReferenceWhateverTheArrivalOrder() throws Exception {
        long silence = 10_000;
        for (int seed = 1; seed <= SEEDS; seed++) {
            Random random = new Random(seed);
            long grace = random.nextBoolean() ? 0 : 3_000;
            String level = random.nextBoolean() ? "warning" : "critical";
            String yaml = "rules:\n  - id: r\n    group_by: [g]\n    absent: {for: 10s, grace: " + grace + "ms, level: " + level + "}\n";
            CompiledRule rule = compile(yaml);
            List<Event> events = new ArrayList<>();
            long[] gaps = {0, 1, 500, 2_000, 4_000, 9_999, 10_000, 10_001, 15_000, 40_000};
            for (int g = 0; g < GROUPS; g++) {
                long t = T0 + random.nextInt(5_000);
                for (int i = 0, n = 5 + random.nextInt(25); i < n; i++) {
                    events.add(new Event("g" + g, t, t, 0, Double.NaN));
                    t += gaps[random.nextInt(gaps.length)];
                }
            }
            long horizon = events.stream().mapToLong(Event::time).max().orElseThrow() + random.nextInt(20_000);
            Map<String, List<ReferenceAbsence.Transition>> expected = new TreeMap<>();
            events.stream().map(Event::group).distinct().forEach(g -> {
                List<ReferenceAbsence.Transition> t = ReferenceAbsence.judge(events.stream().filter(e -> e.group().equals(g))
                        .map(Event::time).toList(), silence, grace, level, horizon);
                if (!t.isEmpty()) {
                    expected.put(alertKey(rule, g), t);
                }
            });
            Case c = new Case(yaml, null, grace, events, "absent");
            Map<String, List<String>> firstIds = null;
            for (int order = 0; order < ORDERS; order++) {
                int sources = 1 + random.nextInt(4);
                List<Alert> alerts = run(rule, interleave(c, rule, sources, random, horizon, 0), 1000 + seed * 10 + order);
                Map<String, List<ReferenceAbsence.Transition>> actual = new TreeMap<>();
                Map<String, List<String>> ids = new TreeMap<>();
                Map<String, Instant> lastAt = new HashMap<>();
                for (Alert a : alerts) {
                    Instant at = Instant.parse(a.at());
                    Instant before = lastAt.put(a.alertKey(), at);
                    assertThat(before == null || at.isAfter(before)).as("ordered by at: %s after %s", at, before).isTrue();
                    assertThat(a.value()).as("an absence alert has no value").isNull();
                    assertThat(a.threshold()).as("an absence alert has no threshold").isNull();
                    actual.computeIfAbsent(a.alertKey(), k -> new ArrayList<>()).add(new ReferenceAbsence.Transition(a.status(),
                            a.level(), a.previousLevel(), Instant.parse(a.window().start()).toEpochMilli(), at.toEpochMilli(),
                            Instant.parse(a.startsAt()).toEpochMilli()));
                    ids.computeIfAbsent(a.alertKey(), k -> new ArrayList<>()).add(a.id());
                }
                assertThat(actual).as("absence, seed %d, order %d, %d upstream tasks, rule:%n%s", seed, order, sources, yaml)
                        .isEqualTo(expected);
                if (firstIds == null) {
                    firstIds = ids;
                } else {
                    assertThat(ids).as("ids, seed %d order %d", seed, order).isEqualTo(firstIds);
                }
            }
        }
    }

    private Case generate(Random r) {
        boolean hopping = r.nextInt(3) == 0;
        long size = 10_000;
        long advance = hopping ? 5_000 : size;
        long grace = r.nextBoolean() ? 0 : 3_000;
        int forWindows = r.nextInt(4) == 0 ? 1 : 0;
        String aggregate = List.of("count", "count", "distinct_count", "max", "min", "sum", "avg", "p95").get(r.nextInt(8));
        boolean below = aggregate.equals("min");
        boolean twoLevels = r.nextBoolean();
        // Thresholds from the event field t: none, on warning, on critical, or on both.
        int fieldMode = r.nextInt(5) < 2 ? 1 + r.nextInt(twoLevels ? 3 : 1) : 0;
        boolean warningFromField = fieldMode == 1 || fieldMode == 3;
        boolean criticalFromField = fieldMode == 2 || fieldMode == 3;
        boolean hysteresis = !below && !warningFromField && r.nextInt(3) == 0;
        double warning = below ? 3 : 3;
        double critical = below ? 1 : 6;
        String op = below ? "below" : "above";
        // Off the values a sketch answers (1, 5, 9) by far more than its 1%.
        double[] fieldThresholds = below ? new double[] {1, 2, 3, 4} : new double[] {2, 3, 4, 6};
        StringBuilder yaml = new StringBuilder("rules:\n  - id: r\n    group_by: [g]\n");
        yaml.append("    window: {size: 10s").append(hopping ? ", advance: 5s" : "").append(grace > 0 ? ", grace: 3s" : "").append("}\n");
        yaml.append(aggregate.equals("count") ? "    aggregate: count\n" : "    aggregate: {function: " + aggregate + ", field: v}\n");
        yaml.append("    triggers:\n");
        yaml.append("      warning: {").append(op).append(": ").append(warningFromField ? "{field: t}" : String.valueOf((int) warning))
                .append(hysteresis ? ", clear_below: 1" : "").append("}\n");
        if (twoLevels) {
            yaml.append("      critical: {").append(op).append(": ").append(criticalFromField ? "{field: t}" : String.valueOf((int) critical))
                    .append("}\n");
        }
        if (forWindows > 0) {
            yaml.append("    for: ").append(forWindows).append("\n");
        }
        ReferenceJudge.Threshold w = new ReferenceJudge.Threshold("warning", !below, warning, hysteresis ? 1 : warning,
                warningFromField);
        ReferenceJudge.Threshold cr = twoLevels ? new ReferenceJudge.Threshold("critical", !below, critical, critical,
                criticalFromField) : null;
        ReferenceJudge.Rule model = new ReferenceJudge.Rule(size, advance, forWindows, w, cr);

        List<Event> events = new ArrayList<>();
        int[] counts = {0, 0, 1, 3, 4, 6, 7, 2, 5, 9};
        for (int g = 0; g < GROUPS; g++) {
            String group = "g" + g;
            boolean quietRun = false;
            for (int win = 0; win < WINDOWS; win++) {
                if (r.nextInt(5) == 0) {
                    quietRun = !quietRun; // gaps of several windows between runs
                }
                int n = quietRun ? 0 : counts[r.nextInt(counts.length)];
                for (int i = 0; i < n; i++) {
                    // With thresholds from events, coarse times: events sharing a timestamp test the tie rule.
                    long t = T0 + win * size + (fieldMode > 0 ? r.nextInt(20) * 500L : r.nextInt((int) size));
                    double number = switch (aggregate) {
                        case "avg" -> r.nextBoolean() ? 1 : (r.nextBoolean() ? 3 : 9);
                        // A sketch answers within 1%: keep percentile inputs off the thresholds.
                        case "p95" -> r.nextBoolean() ? 1 : (r.nextBoolean() ? 5 : 9);
                        case "sum" -> r.nextInt(4) - 1; // negative values too: a sum can fall
                        default -> r.nextInt(9);
                    };
                    double threshold = fieldMode > 0 && r.nextInt(4) > 0 ? fieldThresholds[r.nextInt(fieldThresholds.length)] : Double.NaN;
                    events.add(new Event(group, t, number, r.nextInt(8), threshold));
                }
            }
        }
        return new Case(yaml.toString(), model, grace, events, aggregate);
    }

    private static Map<String, List<ReferenceJudge.Transition>> expected(Case c, CompiledRule rule, long horizon) {
        Map<String, List<Event>> byGroup = new TreeMap<>();
        for (Event e : c.events()) {
            byGroup.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e);
        }
        long lastStart = horizon - c.model().sizeMs() - c.graceMs();
        Map<String, List<ReferenceJudge.Transition>> expected = new TreeMap<>();
        for (Map.Entry<String, List<Event>> g : byGroup.entrySet()) {
            List<Event> events = g.getValue();
            List<ReferenceJudge.Transition> t = ReferenceJudge.judge(c.model(), events.stream().map(Event::time).toList(),
                    idx -> value(c.aggregate(), idx.stream().map(events::get).toList()),
                    idx -> threshold(idx.stream().map(events::get).toList()), lastStart);
            if (!t.isEmpty()) {
                expected.put(alertKey(rule, g.getKey()), t);
            }
        }
        return expected;
    }

    /** A window's threshold: that of its latest event carrying one, the greatest on a tie; NaN when none does. */
    private static double threshold(List<Event> events) {
        return events.stream().filter(e -> !Double.isNaN(e.threshold()))
                .max(Comparator.comparingLong(Event::time).thenComparingDouble(Event::threshold))
                .map(Event::threshold).orElse(Double.NaN);
    }

    /** The aggregate of a window's events, computed the obvious way. */
    private static double value(String aggregate, List<Event> events) {
        List<Double> v = events.stream().map(Event::number).sorted().toList();
        return switch (aggregate) {
            case "count" -> events.size();
            case "distinct_count" -> events.stream().map(Event::hash).distinct().count();
            case "sum" -> v.stream().mapToDouble(Double::doubleValue).sum();
            case "max" -> v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
            case "min" -> v.isEmpty() ? Double.NaN : v.get(0);
            case "avg" -> v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
            // DDSketch answers the value at rank q*(n-1), rounded down; values 1, 5, 9 are far apart next to 1% accuracy.
            case "p95" -> v.isEmpty() ? Double.NaN : v.get((int) Math.floor(0.95 * (v.size() - 1)));
            default -> throw new IllegalArgumentException(aggregate);
        };
    }

    /**
     * The fan-out stream one evaluating task would read: events spread over upstream tasks, each task's
     * events in time order but shuffled within grace (so none is late), its watermark (the newest time it
     * has sent) now and then, tasks interleaved at random; at the end every task reports the horizon.
     */
    private static List<TestRecord<String, FanOut>> interleave(Case c, CompiledRule rule, int sources, Random r, long horizon) {
        return interleave(c, rule, sources, r, horizon, c.graceMs());
    }

    /** @param watermarkLag how far behind its newest event time a task's watermark stays (0: events up to grace behind it) */
    private static List<TestRecord<String, FanOut>> interleave(Case c, CompiledRule rule, int sources, Random r, long horizon,
                                                               long watermarkLag) {
        List<List<Event>> perSource = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            perSource.add(new ArrayList<>());
        }
        for (Event e : c.events()) {
            perSource.get(r.nextInt(sources)).add(e);
        }
        for (int s = 0; s < sources; s++) {
            // In time order, but each event may come up to grace after later ones: never late.
            Map<Event, Long> jittered = new HashMap<>();
            for (Event e : perSource.get(s)) {
                jittered.put(e, e.time() + (c.graceMs() == 0 ? 0 : (long) r.nextInt((int) c.graceMs() + 1)));
            }
            perSource.get(s).sort(Comparator.comparingLong(jittered::get));
        }
        int[] next = new int[sources];
        long[] newest = new long[sources];
        java.util.Arrays.fill(newest, Long.MIN_VALUE);
        List<TestRecord<String, FanOut>> out = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            open.add(s);
        }
        while (!open.isEmpty()) {
            int s = open.get(r.nextInt(open.size()));
            List<Event> list = perSource.get(s);
            int burst = 1 + r.nextInt(6);
            boolean preAggregated = r.nextBoolean(); // as an upstream task's pre-aggregation would send them
            Map<String, FanOut.Partial> partials = new LinkedHashMap<>();
            for (int i = 0; i < burst && next[s] < list.size(); i++) {
                Event e = list.get(next[s]++);
                newest[s] = Math.max(newest[s], e.time());
                FanOut.Match match = new FanOut.Match(e.time(), rule.stateFingerprint(), e.number(), e.hash(), e.threshold());
                if (!preAggregated) {
                    out.add(new TestRecord<>(alertKey(rule, e.group()), match, Instant.ofEpochMilli(e.time())));
                    continue;
                }
                long slot = rule.spec().window().slotFor(e.time());
                FanOut.Partial p = partials.computeIfAbsent(alertKey(rule, e.group()) + "@" + slot,
                        k -> new FanOut.Partial(slot, rule.stateFingerprint(), Long.MIN_VALUE, new WindowAggregate(slot)));
                p.aggregate().add(rule.spec().aggregation(), match);
                partials.put(alertKey(rule, e.group()) + "@" + slot,
                        new FanOut.Partial(slot, p.fingerprint(), Math.max(p.lastEventTime(), e.time()), p.aggregate()));
            }
            partials.forEach((k, p) -> out.add(new TestRecord<>(k.substring(0, k.lastIndexOf('@')), p,
                    Instant.ofEpochMilli(p.lastEventTime()))));
            if (r.nextInt(3) == 0 && newest[s] != Long.MIN_VALUE) {
                // What this task has sent is complete up to its newest time less grace-sized swaps.
                long wm = newest[s] - watermarkLag;
                out.add(new TestRecord<>("", new FanOut.Watermark(s, sources, wm, false), Instant.ofEpochMilli(Math.max(0, wm))));
            }
            if (next[s] == list.size()) {
                open.remove(Integer.valueOf(s));
            }
        }
        for (int s = 0; s < sources; s++) {
            out.add(new TestRecord<>("", new FanOut.Watermark(s, sources, horizon, false), Instant.ofEpochMilli(horizon)));
        }
        return out;
    }

    private List<Alert> run(CompiledRule rule, List<TestRecord<String, FanOut>> stream, int run) throws Exception {
        Properties config = new Properties();
        config.put("alertstream.source.partitions", "1");
        AlertTopologyConfig topologyConfig = AlertTopologyConfig.from(config);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "order");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(tmp.resolve("run" + run)).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(AlertTopology.build(topologyConfig), props,
                Instant.ofEpochMilli(T0))) {
            driver.createInputTopic(topologyConfig.rulesTopic(), new StringSerializer(), new StringSerializer())
                    .pipeInput(rule.id(), rule.json());
            TestInputTopic<String, FanOut> fanOut = driver.createInputTopic("order-" + AlertTopology.FAN_OUT_TOPIC_NAME + "-repartition",
                    new StringSerializer(), new FanOutSerde().serializer());
            TestOutputTopic<String, Alert> alerts = driver.createOutputTopic(topologyConfig.alertsTopic(), new StringDeserializer(),
                    new JsonSerde<>(Alert.class).deserializer());
            fanOut.pipeRecordList(stream);
            double late = driver.metrics().entrySet().stream()
                    .filter(m -> m.getKey().name().equals("dropped-late-total"))
                    .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
            assertThat(late).as("no event of the generated stream is late").isZero();
            return alerts.readValuesToList();
        }
    }

    private static CompiledRule compile(String yaml) {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("p.yaml", yaml));
        assertThat(set.problems()).as(yaml).isEmpty();
        return set.rules().get(0);
    }

    private static String alertKey(CompiledRule rule, String group) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("g", group);
        return AlertKey.alertKey(rule.id(), AlertKey.encode(rule.groupBy(), fields));
    }
}
