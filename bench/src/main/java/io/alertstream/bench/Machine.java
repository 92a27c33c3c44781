package io.alertstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the numbers were measured on, and process footprints: cores, total memory, JDK, OS, the load
 * average (the machine is shared, so load at start and end says how pessimistic a run is), this
 * process's resident memory (VmRSS), heap used after a GC, and the size of a directory on disk.
 * Reads Linux {@code /proc}; elsewhere the values are -1.
 */
public final class Machine {
    private Machine() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryMiB", procValueKb(Path.of("/proc/meminfo"), "MemTotal:") / 1024);
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("cpu", cpuModel());
        return m;
    }

    /** The 1, 5 and 15 minute load averages as text, e.g. "4.58 7.30 8.00". */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Resident set size of this process in MiB (broker, clients and Streams all live in it). */
    public static double residentMiB() {
        return procValueKb(Path.of("/proc/self/status"), "VmRSS:") / 1024.0;
    }

    /** Heap in use after a full collection, in MiB. */
    public static double heapUsedAfterGcMiB() {
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed() / (1024.0 * 1024.0);
    }

    /** Total size of the regular files under a directory, in MiB. */
    public static double directoryMiB(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // a RocksDB file deleted while we walk: it no longer counts
                }
            }).sum();
            return bytes / (1024.0 * 1024.0);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long procValueKb(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown";
    }
}
