package io.alertstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resident and peak resident size as /proc/&lt;pid&gt;/status reports them. */
class ProcessMemoryTest {

    @Test
    void shouldReadResidentAndPeakResidentKbFromStatusLines() {
        List<String> lines = List.of("Name:\tjava", "VmPeak:\t 7485100 kB", "VmHWM:\t  2205700 kB", "VmRSS:\t  1998848 kB",
            "RssAnon:\t 1900000 kB", "Threads:\t57");

        ProcessMemory.Status status = ProcessMemory.parse(lines);

        assertThat(status.residentKb()).isEqualTo(1_998_848);
        assertThat(status.peakResidentKb()).isEqualTo(2_205_700);
        assertThat(status.peakResidentMiB()).isEqualTo(2_205_700 / 1024.0);
    }

    @Test
    void shouldReportZeroWhenTheLinesAreMissingOrTheProcessIsGone() {
        assertThat(ProcessMemory.parse(List.of("Name:\tkthreadd", "State:\tS (sleeping)"))).isEqualTo(new ProcessMemory.Status(0, 0));
        assertThat(ProcessMemory.status(Long.MAX_VALUE)).isEqualTo(new ProcessMemory.Status(0, 0));
    }

    @Test
    void shouldSeeThisJvmsPeakAtLeastAsHighAsItsResidentSize() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "Linux /proc only");

        ProcessMemory.Status self = ProcessMemory.status(ProcessHandle.current().pid());

        assertThat(self.residentKb()).isPositive();
        assertThat(self.peakResidentKb()).isGreaterThanOrEqualTo(self.residentKb());
    }
}
