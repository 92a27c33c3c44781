package io.alertstream.bench;

import com.sun.net.httpserver.HttpServer;
import io.alertstream.connectors.probe.ProbeScheduler;
import io.alertstream.connectors.probe.TargetAssignment;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Section 9: uptime checks a probe task sustains against a local HTTP server, and the CPU per check.
 *
 * <p>Input: a target count, an interval, a measured duration and a task count. Each "task" is the probe
 * connector's own {@link ProbeScheduler} with its HTTP prober (the code a Connect task runs, minus producing to
 * Kafka) on its own thread, given the targets {@link TargetAssignment} assigns it. Output: checks completed
 * per second over the measured window (after one interval of warm-up, in which every target has started),
 * process CPU seconds per check (this JVM, so it includes the local server answering), and the 99th
 * percentile of lateness (result time minus scheduled slot): small lateness means the offered rate was
 * sustained, not the task's ceiling.
 */
final class ProbeRun {
    record Sample(double checksPerSec, double cpuMsPerCheck, double p99LatenessMs, long checks) {
    }

    private ProbeRun() {
    }

    static Sample run(int targets, long intervalMs, long measureMs, int tasks) throws Exception {
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 1000);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong checks = new AtomicLong();
        List<Long> lateness = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        try {
            for (int task = 0; task < tasks; task++) {
                ProbeScheduler scheduler = ProbeScheduler.http(Map.of("targets.bootstrap.servers", "127.0.0.1:9",
                        "probe.allow.private.networks", "true", "probe.location", "bench"));
                for (int i = 0; i < targets; i++) {
                    String id = "bench-" + i;
                    if (TargetAssignment.taskOf(id, tasks) == task) {
                        scheduler.upsertJson(id, "{\"id\":\"" + id + "\",\"url\":\"http://127.0.0.1:"
                                + server.getAddress().getPort() + "/" + id + "\",\"interval_ms\":" + intervalMs + "}");
                    }
                }
                Thread thread = new Thread(() -> loop(scheduler, running, measuring, checks, lateness), "probe-bench-" + task);
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(intervalMs); // every target has started once; the JIT has seen each path
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long started = System.nanoTime();
            measuring.set(true);
            Thread.sleep(measureMs);
            measuring.set(false);
            double seconds = (System.nanoTime() - started) / 1e9;
            long cpuNanos = os.getProcessCpuTime() - cpuBefore;
            long n = checks.get();
            List<Long> sorted;
            synchronized (lateness) {
                sorted = lateness.stream().sorted().toList();
            }
            double p99 = sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * 0.99));
            return new Sample(n / seconds, n == 0 ? Double.NaN : cpuNanos / 1e6 / n, p99, n);
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(5_000);
            }
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private static void loop(ProbeScheduler scheduler, AtomicBoolean running, AtomicBoolean measuring, AtomicLong checks,
                             List<Long> lateness) {
        try {
            while (running.get()) {
                List<SourceRecord> records = scheduler.poll(200);
                if (measuring.get()) {
                    long now = System.currentTimeMillis();
                    checks.addAndGet(records.size());
                    for (SourceRecord record : records) {
                        lateness.add(now - (Long) ((Map<?, ?>) record.value()).get("scheduled_ms"));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.close();
        }
    }
}
