package io.alertstream.bench;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.backlog.BacklogWorkload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sections of one bench run against one embedded broker, in order, and adds their rows and
 * ratios to the {@link Results}: (1) raw produce/consume, (2) topology throughput by rule count and
 * key count, and the load time of many rules, (3) alert latency at half the sustained maximum, by
 * commit interval, with the throughput at each interval, (4) footprint after the many-keys scenario
 * (of this JVM, and of {@code alertstream run} alone in a child JVM), (5) the Elasticsearch and Redis
 * sink connectors against their raw clients ({@link ConnectorSection}), (6) backlog catch-up
 * ({@code alertstream run} in a child JVM, with its peak RSS, against the raw consumer and a
 * hand-written Streams DSL job on the same topic), (7) JMH, (8) events through the HTTP API against the raw client, (9) uptime checks per second and CPU per check of
 * the probe source's scheduler with 1 and 2 tasks ({@link ProbeRun}). A section that fails is noted and the run
 * goes on, so one broken piece never hides the others' numbers.
 */
final class Harness {
    private static final Logger LOG = LoggerFactory.getLogger(Harness.class);
    private static final String RAW_CONSUME = "raw consume";
    private static final String BASE_SCENARIO = "topology 1 rule, 1k keys";
    private static final int DEFAULT_COMMIT_INTERVAL_MS = 100;

    private final BenchPlan plan;
    private final Results results;
    private final Path workDir;
    private final boolean skipJmh;
    private final boolean skipConnectors;
    private final java.util.Set<String> only;
    private final Double latencyRate;

    /** @param only the sections to run (their numbers as text), or null for all */
    Harness(BenchPlan plan, Results results, Path workDir, boolean skipJmh, boolean skipConnectors, java.util.Set<String> only,
            Double latencyRate) {
        this.plan = plan;
        this.results = results;
        this.workDir = workDir;
        this.skipJmh = skipJmh;
        this.skipConnectors = skipConnectors;
        this.only = only;
        this.latencyRate = latencyRate;
    }

    void run() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            section("1 raw broker", () -> rawBroker(kafka));
            section("2 topology throughput", () -> throughput(bootstrap));
            section("3 alert latency", () -> latency(bootstrap));
            if (skipConnectors) {
                results.note("section 5 (connectors) skipped (--skip-connectors)");
            } else {
                section("5 connectors", () -> new ConnectorSection(plan, results, kafka).run());
            }
            section("6 backlog catch-up", () -> backlog(bootstrap));
            section("8 API ingest", () -> apiIngest(kafka));
            section("9 probes", this::probes);
        }
        if (skipJmh) {
            results.note("section 7 (JMH) skipped (--skip-jmh)");
        } else {
            section("7 JMH", () -> MicroBenchmarks.run(results, plan.quickJmh()));
            results.note("JMH progress log: " + MicroBenchmarks.LOG_FILE);
        }
    }

    private interface Section {
        void run() throws Exception;
    }

    private void section(String name, Section section) {
        String number = name.substring(0, name.indexOf(' '));
        if (only != null && !only.contains(number)) {
            results.note("section " + name + " not run (--sections)");
            return;
        }
        LOG.info("=== {} ===", name);
        java.util.Map<String, Long> errorsBefore = BrokerErrors.snapshot();
        try {
            section.run();
            if (!name.startsWith("7")) {
                // Each error is a request the client retried (in a transaction, a produce that waited).
                results.note("broker error responses during section " + name + ": "
                        + BrokerErrors.since(errorsBefore, BrokerErrors.snapshot()));
            }
        } catch (Exception | AssertionError e) {
            LOG.error("Section '{}' failed; the run goes on", name, e);
            results.note("section " + name + " FAILED: " + e);
        }
    }

    private void rawBroker(EmbeddedKafka kafka) throws Exception {
        List<RawBrokerRun.Sample> samples = new ArrayList<>();
        BenchWorkload workload = new BenchWorkload(1000, System.currentTimeMillis(), 600_000, 3);
        RawBrokerRun.run(kafka, "raw-warmup", 4, plan.rawRecords() / 4, workload); // JIT and page cache warm-up
        for (int i = 0; i < plan.reps(); i++) {
            samples.add(RawBrokerRun.run(kafka, "raw-" + i, 4, plan.rawRecords(), workload));
        }
        String size = plan.rawRecords() + " records of ~" + workload.event(0, 1).length + " B, 4 partitions";
        results.add("1", "raw produce", "records/s", map(samples, RawBrokerRun.Sample::produceRecordsPerSec), size);
        results.add("1", "raw produce", "MB/s", map(samples, RawBrokerRun.Sample::produceMBPerSec), null);
        results.add("1", RAW_CONSUME, "records/s", map(samples, RawBrokerRun.Sample::consumeRecordsPerSec), size);
        results.add("1", RAW_CONSUME, "MB/s", map(samples, RawBrokerRun.Sample::consumeMBPerSec), null);
    }

    /**
     * Section 9: uptime checks/s and CPU per check of the probe connector's scheduler against a local HTTP server,
     * with 1 and 2 tasks (threads of this JVM): 2,000 targets at a 5 s interval (10,000 in a full run), which
     * a task should keep up with (lateness shows it), then 20,000 (4,000 checks/s offered), which saturates
     * the machine, so its checks/s is the ceiling. Each measured for 20 s after one interval of warm-up.
     */
    private void probes() throws Exception {
        long intervalMs = 5_000;
        long measureMs = 20_000;
        int scheduled = "quick".equals(plan.mode()) ? 2_000 : 10_000;
        // Offered far above what 2 cores can check: the checks/s measured there is the ceiling.
        int saturating = 20_000;
        for (int targets : new int[] {scheduled, saturating}) {
            String load = targets == saturating ? "saturated" : "scheduled";
            String note = targets + " targets every " + intervalMs / 1000 + " s (offered " + targets * 1000 / intervalMs
                    + " checks/s), local HTTP server in this JVM, probe.concurrency 15 per task";
            for (int tasks : new int[] {1, 2}) {
                List<ProbeRun.Sample> samples = new ArrayList<>();
                for (int i = 0; i < plan.reps(); i++) {
                    samples.add(ProbeRun.run(targets, intervalMs, measureMs, tasks));
                }
                String name = "probe checks, " + load + ", " + tasks + (tasks == 1 ? " task" : " tasks");
                results.add("9", name, "checks/s", map(samples, ProbeRun.Sample::checksPerSec), note);
                results.add("9", name, "CPU ms/check", map(samples, ProbeRun.Sample::cpuMsPerCheck),
                        "process CPU (includes the local server) / checks");
                results.add("9", name, "p99 lateness ms", map(samples, ProbeRun.Sample::p99LatenessMs),
                        "result time minus scheduled slot; small = offered rate sustained");
            }
        }
    }

    /**
     * Section 8: events/s through {@code POST /v1/events} (batches of 500, and of 1: a request per event) against
     * the raw client writing the same events to a topic of the same shape, in the same run.
     */
    private void apiIngest(EmbeddedKafka kafka) throws Exception {
        long events = Math.max(20_000, plan.rawRecords() / 5);
        // Event times spread over the 10 minutes before now: the API refuses events ahead of its clock, as the engine does.
        BenchWorkload workload = new BenchWorkload(1000, System.currentTimeMillis() - 600_000, 600_000, 3);
        kafka.createTopic("api-ingest", 4, java.util.Map.of());
        List<RawBrokerRun.Sample> raw = new ArrayList<>();
        List<ApiIngestRun.Sample> batched = new ArrayList<>();
        List<ApiIngestRun.Sample> single = new ArrayList<>();
        ApiIngestRun api = ApiIngestRun.start(kafka, "api-ingest", workDir.resolve("api-state"));
        try {
            api.run(workload, events / 4, 500); // JIT warm-up
            for (int i = 0; i < plan.reps(); i++) {
                raw.add(RawBrokerRun.run(kafka, "api-raw-" + i, 4, events, workload));
                batched.add(api.run(workload, events, 500));
                single.add(api.run(workload, Math.min(events, 5_000), 1));
            }
        } finally {
            api.close();
        }
        String note = events + " events of ~" + workload.event(0, 1).length + " B, 4 partitions, " + ApiIngestRun.CLIENTS + " HTTP clients";
        results.add("8", "raw client produce (acks=all, idempotent)", "events/s", map(raw, RawBrokerRun.Sample::produceRecordsPerSec), note);
        results.add("8", "API ingest, batches of 500", "events/s", map(batched, ApiIngestRun.Sample::eventsPerSec), note);
        results.add("8", "API ingest, one event per request", "events/s", map(single, ApiIngestRun.Sample::eventsPerSec),
                "each request waits for the broker's ack");
        results.ratio("API ingest (batches of 500) / raw client produce",
                results.median("API ingest, batches of 500") / results.median("raw client produce (acks=all, idempotent)"));
    }

    private void throughput(String bootstrap) throws Exception {
        boolean warm = false;
        for (int rules : plan.ruleCounts()) {
            ThroughputRun run = ThroughputRun.prepare(bootstrap, workDir, "rules" + rules, Map.of(), BenchWorkload.rules(rules),
                    plan.events(), 1000);
            if (!warm) {
                // The first Streams instance of the JVM runs cold (JIT): one discarded repetition first.
                run.repeat(false);
                warm = true;
            }
            String name = "topology " + rules + (rules == 1 ? " rule" : " rules") + ", 1k keys";
            addThroughput(name, repeat(run, false), plan.events());
            if (rules == 1) {
                // The same events with one fan-out record per matching event: what pre-aggregation costs
                // or saves, at a low rate per group (1k keys) and a high one (10 keys).
                ThroughputRun plain = run.variant("-nopre", Map.of("alertstream.preaggregate.interval", "0"));
                addThroughput(name + ", no pre-aggregation", repeat(plain, false), plan.events());
                ThroughputRun hot = ThroughputRun.prepare(bootstrap, workDir, "hot", Map.of(), BenchWorkload.rules(1),
                        plan.events(), 10);
                addThroughput("topology 1 rule, 10 keys", repeat(hot, false), plan.events());
                ThroughputRun hotPlain = hot.variant("-nopre", Map.of("alertstream.preaggregate.interval", "0"));
                addThroughput("topology 1 rule, 10 keys, no pre-aggregation", repeat(hotPlain, false), plan.events());
            }
        }
        equalityRules(bootstrap);
        long bigEvents = Math.max(plan.events(), plan.bigKeys());
        ThroughputRun big = ThroughputRun.prepare(bootstrap, workDir, "keys" + BenchPlan.count(plan.bigKeys()), Map.of(),
                BenchWorkload.rules(1), bigEvents, plan.bigKeys());
        double rssBefore = Machine.residentMiB();
        List<ThroughputRun.Sample> samples = repeat(big, true);
        String name = "topology 1 rule, " + BenchPlan.count(plan.bigKeys()) + " keys";
        addThroughput(name, samples, bigEvents);
        String note = BenchPlan.count(plan.bigKeys()) + " keys open";
        results.add("4", "RSS of bench process before the instance starts", "MiB", List.of(rssBefore), "broker + clients, no Streams yet");
        results.add("4", "RSS after processing, " + note, "MiB", map(samples, ThroughputRun.Sample::rssMiB),
                "broker + Streams in one JVM; the app alone: rows below");
        results.add("4", "heap used after GC, " + note, "MiB", map(samples, ThroughputRun.Sample::heapAfterGcMiB), "broker + Streams");
        results.add("4", "state store on disk, " + note, "MiB", map(samples, ThroughputRun.Sample::stateMiB), "RocksDB files after close");
        // The same events once more per repetition, as `alertstream run` in a child JVM: the rows above
        // include the broker, these are what a deployment of the application alone would hold. The
        // timed rows stay in-process (JIT warm), comparable with every other scenario.
        List<ThroughputRun.Sample> alone = new ArrayList<>();
        for (int i = 0; i < plan.reps(); i++) {
            alone.add(big.repeatInChild());
        }
        String child = "child JVM " + childJvmOptions();
        results.add("4", "RSS of alertstream run alone, " + note, "MiB", map(alone, ThroughputRun.Sample::rssMiB),
                child + ", VmRSS when processed, broker in the bench JVM");
        results.add("4", "peak RSS of alertstream run alone, " + note, "MiB", map(alone, ThroughputRun.Sample::peakRssMiB),
                child + ", VmHWM from start until processed");
        results.add("4", name + ", alertstream run", "events/s", map(alone, ThroughputRun.Sample::eventsPerSec),
                child + ", JIT cold: not comparable with section 2");
    }

    /** The child JVMs' options as a row note says them, e.g. "-Xmx1g". */
    private static String childJvmOptions() {
        return String.join(" ", Deployment.CHILD_JVM_OPTIONS);
    }

    /**
     * N rules {@code event.service == "svc-i"} over events drawn from the N services: every event
     * matches one rule, which the rule index finds without evaluating the others. Then how long the
     * N rules take to compile, publish and reach a fresh instance ({@link RuleLoadRun}), each
     * repetition on new topics. The JVM is warm by then (the throughput run compiled the same rules
     * to publish them and again in each instance): a {@code rules apply} in a new JVM also pays class
     * loading and JIT warm-up.
     */
    private void equalityRules(String bootstrap) throws Exception {
        int n = plan.equalityRules();
        String count = BenchPlan.count(n);
        ThroughputRun run = ThroughputRun.prepare(bootstrap, workDir, "eq" + count, Map.of(), BenchWorkload.equalityRules(n),
                plan.events(), 1000, w -> w.withServices(n));
        addThroughput("topology " + count + " equality rules, 1k keys", repeat(run, false), plan.events());
        List<RuleLoadRun.Sample> loads = new ArrayList<>();
        for (int i = 0; i < plan.reps(); i++) {
            loads.add(RuleLoadRun.run(bootstrap, workDir, "load" + count + "-r" + i, n));
        }
        String rules = count + " rules: ";
        results.add("2", rules + "compile and validate", "s", map(loads, RuleLoadRun.Sample::compileSeconds),
                "RuleSetLoader.loadSources, as rules apply; warm JVM");
        results.add("2", rules + "publish to the rules topic", "s", map(loads, RuleLoadRun.Sample::publishSeconds),
                "RulePublisher.apply to an empty topic, all acknowledged");
        results.add("2", rules + "fresh instance RUNNING", "s", map(loads, RuleLoadRun.Sample::runningSeconds),
                "from Deployment.start(): restore, compile every rule, group join");
        String ready = rules + "fresh instance ready";
        results.add("2", ready, "s", map(loads, RuleLoadRun.Sample::readySeconds),
                "from Deployment.start() until an event for the last rule is fanned out: rules indexed and used");
        results.ratio(ready + " (s)", results.median(ready));
    }

    private List<ThroughputRun.Sample> repeat(ThroughputRun run, boolean footprint) throws Exception {
        List<ThroughputRun.Sample> samples = new ArrayList<>();
        for (int i = 0; i < plan.reps(); i++) {
            samples.add(run.repeat(footprint));
        }
        return samples;
    }

    private void addThroughput(String name, List<ThroughputRun.Sample> samples, long events) {
        results.add("2", name, "events/s", map(samples, ThroughputRun.Sample::eventsPerSec), events + " events, exactly-once");
        results.ratio(name + " / raw consume", results.median(name) / rawConsume());
    }

    private double rawConsume() {
        return rows(RAW_CONSUME, "records/s");
    }

    private double rows(String name, String unit) {
        return results.rows().stream().filter(r -> r.name().equals(name) && r.unit().equals(unit)).findFirst()
                .map(r -> r.spread().median()).orElse(Double.NaN);
    }

    private void latency(String bootstrap) throws Exception {
        double max = results.median(BASE_SCENARIO);
        if (Double.isNaN(max) && latencyRate == null) {
            throw new IllegalStateException("no sustained maximum measured (section 2 failed or did not run; --latency-rate sets one)");
        }
        double rate = Double.isNaN(max) ? latencyRate : max / 2;
        ThroughputRun tput = ThroughputRun.prepare(bootstrap, workDir, "commit", Map.of(), BenchWorkload.rules(1), plan.events(), 1000);
        if (Double.isNaN(max)) {
            tput.repeat(false); // section 2 did not warm the JIT up: the first interval would be measured cold
        }
        results.note("throughput at commit.interval.ms=" + DEFAULT_COMMIT_INTERVAL_MS + " (the exactly-once default) is the row '"
                + BASE_SCENARIO + "'");
        for (int ci : plan.commitIntervals()) {
            String at = "commit.interval.ms=" + ci;
            latencyAt(bootstrap, at, "ci" + ci, Map.of("commit.interval.ms", String.valueOf(ci)), rate);
            if (ci != DEFAULT_COMMIT_INTERVAL_MS) { // the default is section 2's 1-rule row
                ThroughputRun variant = tput.variant("-ci" + ci, Map.of("commit.interval.ms", String.valueOf(ci)));
                addThroughput("topology 1 rule, 1k keys, " + at, repeat(variant, false), plan.events());
            }
        }
        // A commit requested when an alert about the present is emitted (off by default), with a longer interval:
        // the second hop no longer waits for the interval. Its throughput is the commit.interval.ms=500 row.
        latencyAt(bootstrap, "commit.interval.ms=500, commit.on.alert.within=1m", "ci500-coa",
                Map.of("commit.interval.ms", "500", "alertstream.commit.on.alert.within", "1m"), rate);
    }

    /** Alert latency (p50, p99 per repetition; p99.9 pooled) with these settings, each repetition on fresh topics. */
    private void latencyAt(String bootstrap, String at, String id, Map<String, String> overrides, double rate) throws Exception {
        List<Double> pooled = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<Double> achieved = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < plan.reps(); i++) {
            // Fresh topics per repetition: a new instance reads its events topic from the start, and
            // on a shared topic it would first have to catch up every earlier repetition's load.
            LatencyRun run = LatencyRun.prepare(bootstrap, workDir, "latency-" + id + "-r" + i, overrides);
            LatencyRun.Sample s = run.repeat(rate, plan.latencyDuration(), plan.probesPerSec(), "r" + i);
            pooled.addAll(s.latenciesMs());
            p50.add(Stats.percentile(s.latenciesMs(), 0.5));
            p99.add(Stats.percentile(s.latenciesMs(), 0.99));
            achieved.add(s.backgroundEventsPerSec());
            missing += s.missing();
        }
        results.add("3", "alert latency p50, " + at, "ms", p50, "per repetition");
        results.add("3", "alert latency p99, " + at, "ms", p99, "per repetition");
        results.add("3", "alert latency p99.9, " + at, "ms", List.of(Stats.percentile(pooled, 0.999)),
                pooled.size() + " probes pooled, " + missing + " without alert");
        results.add("3", "background load during latency, " + at, "events/s", achieved, "target " + Math.round(rate));
        results.ratio("alert latency p99 (ms), " + at, results.median("alert latency p99, " + at));
    }

    private void backlog(String bootstrap) throws Exception {
        BacklogRun run = BacklogRun.prepare(bootstrap, workDir, "backlog", plan.backlogEvents());
        DslBaselineRun dsl = new DslBaselineRun(bootstrap, workDir, run.eventsTopic(), run.events(), BacklogWorkload.CRITICAL);
        List<BacklogRun.Sample> samples = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> dslRates = new ArrayList<>();
        BacklogRun twoThreads = run.variant("-2t", Map.of("num.stream.threads", "2"));
        List<BacklogRun.Sample> twoThreadSamples = new ArrayList<>();
        for (int i = 0; i < plan.reps(); i++) {
            // The contenders read the same topic in turn, each in each repetition.
            raw.add(Clients.consumeAll(bootstrap, run.eventsTopic(), run.events()).recordsPerSec());
            samples.add(run.repeat());
            dslRates.add(dsl.repeat());
            twoThreadSamples.add(twoThreads.repeat());
        }
        String name = "backlog catch-up, null keys, 4 partitions";
        String size = run.events() + " events over 60 min of event time, " + BacklogRun.GROUPS + " groups";
        results.add("6", "backlog raw consume, same topic", "records/s", raw, "plain KafkaConsumer");
        results.add("6", "backlog hand-written Streams DSL job", "events/s", dslRates,
                "filter, groupBy, count, 10 min grace, exactly-once");
        results.add("6", name, "events/s", map(samples, BacklogRun.Sample::eventsPerSec), size + ", alertstream run in a child JVM");
        String twoName = name + ", num.stream.threads=2";
        results.add("6", twoName, "events/s", map(twoThreadSamples, BacklogRun.Sample::eventsPerSec),
                "same events; transitions found " + twoThreadSamples.stream().mapToInt(BacklogRun.Sample::found).min().orElse(0)
                        + " of " + (twoThreadSamples.isEmpty() ? 0 : twoThreadSamples.get(0).expected()) + " at least, unexpected "
                        + twoThreadSamples.stream().mapToInt(BacklogRun.Sample::unexpected).sum() + ", duplicated "
                        + twoThreadSamples.stream().mapToInt(BacklogRun.Sample::duplicated).sum());
        results.add("6", "backlog transitions found", "share", map(samples, BacklogRun.Sample::foundShare),
                samples.isEmpty() ? "" : samples.get(0).expected() + " expected per repetition");
        results.add("6", "backlog transitions found, count", "transitions", map(samples, s -> (double) s.found()), "");
        results.add("6", "backlog transitions expected", "transitions", map(samples, s -> (double) s.expected()), "");
        results.add("6", "backlog transitions unexpected", "transitions", map(samples, s -> (double) s.unexpected()),
                "must be 0");
        results.add("6", "backlog transitions duplicated", "transitions", map(samples, s -> (double) s.duplicated()),
                "must be 0");
        String child = "child JVM " + childJvmOptions();
        results.add("6", "peak RSS of alertstream run, backlog", "MiB", map(samples, BacklogRun.Sample::peakRssMiB),
                child + ", VmHWM from start until the last transitions are read");
        results.add("6", "RSS of alertstream run after the backlog", "MiB", map(samples, BacklogRun.Sample::rssMiB),
                child + ", VmRSS at the same moment");
        results.ratio(name + " / raw consume of the same topic", results.median(name) / results.median("backlog raw consume, same topic"));
        results.ratio(name + " / hand-written DSL job", results.median(name) / results.median("backlog hand-written Streams DSL job"));
        results.ratio(twoName + " / raw consume of the same topic", results.median(twoName) / results.median("backlog raw consume, same topic"));
        results.ratio(twoName + " / hand-written DSL job", results.median(twoName) / results.median("backlog hand-written Streams DSL job"));
        results.ratio("hand-written DSL job / raw consume of the same topic",
                results.median("backlog hand-written Streams DSL job") / results.median("backlog raw consume, same topic"));
        results.ratio("backlog transitions found (share)", results.median("backlog transitions found"));
        for (int i = 0; i < samples.size(); i++) {
            BacklogRun.Sample s = samples.get(i);
            results.note("backlog repetition " + (i + 1) + ": transitions found " + s.found() + " / expected " + s.expected()
                    + ", unexpected " + s.unexpected() + ", duplicated " + s.duplicated());
        }
    }

    private static <T> List<Double> map(List<T> samples, Function<T, Double> f) {
        return samples.stream().map(f).toList();
    }
}
