package io.alertstream.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the resident memory of processes from {@code /proc/<pid>/status}.
 *
 * <p>Input: a process (handle or pid). Output: {@code VmRSS} (resident now) of a process or of a
 * process tree, and {@code VmHWM} (the peak resident size over the process's life) of one process,
 * in kB; 0 where {@code /proc} is not available or the process is gone. Used to report what each
 * embedded service costs on the machine, and what a child JVM's peak was while it still runs (the
 * kernel keeps VmHWM only while the process exists).
 */
public final class ProcessMemory {

    /** One process's resident size now ({@code VmRSS}) and at its peak so far ({@code VmHWM}), in kB. */
    public record Status(long residentKb, long peakResidentKb) {
        static final Status UNKNOWN = new Status(0, 0);

        public double residentMiB() {
            return residentKb / 1024.0;
        }

        public double peakResidentMiB() {
            return peakResidentKb / 1024.0;
        }
    }

    private ProcessMemory() {
    }

    static long residentKb(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> status(p.pid()).residentKb()).sum();
    }

    /** RSS of this JVM alone (in-process services such as the broker and the Connect worker). */
    static long currentJvmResidentKb() {
        return status(ProcessHandle.current().pid()).residentKb();
    }

    /**
     * VmRSS and VmHWM of one process, not its descendants: the peaks of several processes happen at
     * different moments, so they do not add up to the peak of the tree.
     */
    public static Status status(long pid) {
        try {
            return parse(Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return Status.UNKNOWN; // process gone or no /proc: count nothing
        }
    }

    /** The values of the {@code VmRSS:} and {@code VmHWM:} lines ("VmHWM:   123456 kB"); 0 for a missing line. */
    static Status parse(List<String> statusLines) {
        return new Status(valueKb(statusLines, "VmRSS:"), valueKb(statusLines, "VmHWM:"));
    }

    private static long valueKb(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
