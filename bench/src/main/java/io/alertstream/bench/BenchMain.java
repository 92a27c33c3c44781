package io.alertstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alertstream bench}: measures alertstream against the raw broker in one run on an embedded
 * KRaft broker and prints a table (median, min-max, repetitions) with the ratios to raw consume
 * throughput; writes the same as JSON under {@code --out}. Exit 0 when the run completed (sections
 * that failed are listed in the notes), 1 when it could not run at all.
 */
@Command(name = "alertstream bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Benchmarks on an embedded broker, in one run: raw produce/consume, topology throughput (1/10/100 rules,",
                "10k equality rules and their load time, 1k and 1M keys, exactly-once), alert latency at half the sustained",
                "maximum by commit.interval.ms, memory and state size, Elasticsearch and Redis sink connectors against their",
                "raw clients, backlog catch-up, JMH micro-benchmarks of the per-event work.",
                "The full run takes about 25-40 minutes on 2 cores; --quick 4-7 minutes (Elasticsearch starts for section 5).",
                "JVM options: ALERTSTREAM_OPTS (default -Xmx2g), e.g. add -XX:StartFlightRecording=filename=bench.jfr to profile;",
                "sections 4 and 6 also run `alertstream run` in child JVMs (--app-jvm-options)."})
public final class BenchMain implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "1 repetition, smaller inputs (30k events, 50k instead of 1M keys), JMH in-process with few iterations")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "where the JSON result goes (default: ${DEFAULT-VALUE})")
    Path out = Path.of("bench", "results");

    @Option(names = "--reps", paramLabel = "N", description = "repetitions of each system measurement (default 3, quick 1)")
    Integer reps;

    @Option(names = "--events", paramLabel = "N", description = "pre-loaded events per throughput scenario (default 200000, quick 30000)")
    Long events;

    @Option(names = "--keys", paramLabel = "N", description = "keys of the many-keys scenario (default 1000000, quick 50000)")
    Integer keys;

    @Option(names = "--equality-rules", paramLabel = "N",
            description = "rules of the equality-rule scenario and of the rule load-time rows (default 10000, quick too)")
    Integer equalityRules;

    @Option(names = "--latency-seconds", paramLabel = "S", description = "probing time per latency repetition (default 30, quick 8)")
    Integer latencySeconds;

    @Option(names = "--backlog-events", paramLabel = "N", description = "events in the backlog catch-up run (default 2000000, quick 30000; the 1,000 groups' own hits, about 260k, are always sent)")
    Long backlogEvents;

    @Option(names = "--connector-docs", paramLabel = "N", description = "documents per Elasticsearch sink repetition (default 200000, quick 20000)")
    Integer connectorDocs;

    @Option(names = "--connector-writes", paramLabel = "N", description = "counter updates per Redis sink repetition (default 500000, quick 50000)")
    Integer connectorWrites;

    @Option(names = "--skip-jmh", description = "do not run the JMH micro-benchmarks")
    boolean skipJmh;

    @Option(names = "--skip-connectors", description = "do not run section 5 (Elasticsearch and Redis sinks; starts an Elasticsearch node)")
    boolean skipConnectors;

    @Option(names = "--sections", paramLabel = "N", split = ",",
            description = "run only these sections, e.g. 1,6 (for profiling one of them; ratios need section 1; default: all)")
    java.util.Set<String> sections;

    @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "a Streams or alertstream setting for every instance of the run, over the scenario's own (repeatable)")
    java.util.Map<String, String> config = new java.util.LinkedHashMap<>();

    @Option(names = "--latency-rate", paramLabel = "EVENTS_PER_SEC",
            description = "background load of section 3 when section 2 does not run (default: half of section 2's 1-rule rate)")
    Double latencyRate;

    @Option(names = "--app-jvm-options", paramLabel = "OPTIONS",
            description = "JVM options of the `alertstream run` child JVMs of sections 4 and 6, whose RSS is measured (default: ${DEFAULT-VALUE})")
    String appJvmOptions = "-Xmx1g";

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Results results = new Results();
        BenchPlan plan = quick ? BenchPlan.quick() : BenchPlan.full();
        if (reps != null) {
            plan = plan.withReps(reps);
        }
        if (events != null) {
            plan = plan.withEvents(events);
        }
        if (keys != null) {
            plan = plan.withBigKeys(keys);
        }
        if (equalityRules != null) {
            plan = plan.withEqualityRules(equalityRules);
        }
        if (latencySeconds != null) {
            plan = plan.withLatencyDuration(java.time.Duration.ofSeconds(latencySeconds));
        }
        if (backlogEvents != null) {
            plan = plan.withBacklogEvents(backlogEvents);
        }
        if (connectorDocs != null || connectorWrites != null) {
            plan = plan.withConnectorSizes(connectorDocs != null ? connectorDocs : plan.connectorEsDocs(),
                    connectorWrites != null ? connectorWrites : plan.connectorRedisWrites());
        }
        Deployment.RUN_OVERRIDES.putAll(config);
        Deployment.CHILD_JVM_OPTIONS.clear();
        if (!appJvmOptions.isBlank()) {
            Deployment.CHILD_JVM_OPTIONS.addAll(java.util.Arrays.asList(appJvmOptions.trim().split("\\s+")));
        }
        results.put("command", "alertstream bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        Instant started = Instant.now();
        results.put("mode", plan.mode());
        results.put("plan", plan.toString());
        results.put("appJvmOptions", String.join(" ", Deployment.CHILD_JVM_OPTIONS));
        results.put("startedAt", started.toString());
        results.put("machine", Machine.describe());
        results.put("loadAverageAtStart", Machine.loadAverage());
        System.out.println("alertstream bench (" + plan.mode() + "), load average " + Machine.loadAverage() + ", machine "
                + Machine.describe());
        Path workDir = Files.createTempDirectory("alertstream-bench-");
        try {
            new Harness(plan, results, workDir, skipJmh, skipConnectors, sections, latencyRate).run();
        } finally {
            deleteRecursively(workDir);
        }
        results.put("loadAverageAtEnd", Machine.loadAverage());
        results.put("finishedAt", Instant.now().toString());
        results.put("seconds", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path file = results.writeJson(out, plan.mode() + "-" + stamp + ".json");
        System.out.println();
        System.out.println(results.table());
        System.out.println("load average at start " + results.toJsonTree().get("loadAverageAtStart") + ", at end "
                + Machine.loadAverage() + "; results written to " + file);
        return 0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
