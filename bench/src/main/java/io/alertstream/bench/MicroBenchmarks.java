package io.alertstream.bench;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PerEventBenchmarks} through the JMH API and adds one row per benchmark to the
 * results (one per parameter value for parameterised ones): the median over measurement iterations, with min-max. Full mode forks one JVM
 * (-Xmx512m), 3 warm-up and 5 measurement iterations of 1 s; quick mode runs in this JVM with 1
 * warm-up and 2 measurement iterations of 0.5 s (less isolated, so noisier).
 */
final class MicroBenchmarks {
    /** Where JMH's own progress output goes. */
    static final java.nio.file.Path LOG_FILE = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "alertstream-bench-jmh.log");

    private MicroBenchmarks() {
    }

    static void run(Results results, boolean quick) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(PerEventBenchmarks.class.getName() + "\\.")
                .shouldFailOnError(true)
                .output(LOG_FILE.toString()); // JMH's progress log is long: the table has the results
        if (quick) {
            options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
        } else {
            options.forks(1).jvmArgs("-Xmx512m").warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> runs = new Runner(options.build()).run();
        for (RunResult run : runs.stream().sorted((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark())).toList()) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            for (String key : run.getParams().getParamsKeys()) { // one row per parameter value, e.g. rules=10000
                name += " " + key + "=" + run.getParams().getParam(key);
            }
            List<Double> iterations = run.getBenchmarkResults().stream()
                    .flatMap(b -> b.getIterationResults().stream())
                    .map(i -> i.getPrimaryResult().getScore())
                    .toList();
            results.add("7", "jmh " + name, "ns/op", iterations, quick ? "quick: in-process, 2 x 0.5 s" : "1 fork, 5 x 1 s");
        }
    }
}
