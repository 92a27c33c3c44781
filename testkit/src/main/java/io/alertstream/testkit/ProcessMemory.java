package io.alertstream.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the resident set size of a process and its descendants from {@code /proc}.
 *
 * <p>Input: a process handle. Output: the summed {@code VmRSS} in kB, or 0 where {@code /proc} is not
 * available. Used to report what each embedded service costs on the machine.
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long residentKb(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(ProcessMemory::ownResidentKb).sum();
    }

    /** RSS of this JVM alone (in-process services such as the broker and the Connect worker). */
    static long currentJvmResidentKb() {
        return ownResidentKb(ProcessHandle.current());
    }

    private static long ownResidentKb(ProcessHandle handle) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(handle.pid()), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Process gone or no /proc: count nothing.
        }
        return 0;
    }
}
