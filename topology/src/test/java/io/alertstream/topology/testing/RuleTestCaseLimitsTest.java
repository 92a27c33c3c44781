package io.alertstream.topology.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule test file cannot overflow a time or ask for billions of events: each is a message naming the input. */
class RuleTestCaseLimitsTest {
    @TempDir
    Path dir;

    private Path file(String input) throws IOException {
        return Files.writeString(dir.resolve("t.yaml"), """
                rules:
                  - {id: r, window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}
                input:
                %s
                expect: []
                """.formatted(input));
    }

    @Test
    void shouldRefuseARepeatBeyondTheLimit() throws IOException {
        Path f = file("  - {at: 0s, event: {a: 1}, repeat: 2000000000}");
        assertThatThrownBy(() -> RuleTestCase.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining("input #1: 'repeat' must be from 1 to 100000, got 2000000000");
    }

    @Test
    void shouldRefuseAnOffsetOrAWaitThatWouldOverflow() throws IOException {
        Path at = file("  - {at: 200000000000d, event: {a: 1}}");
        assertThatThrownBy(() -> RuleTestCase.read(at)).isInstanceOf(IOException.class).hasMessageContaining("input #1: 'at'");
        Path wait = file("  - {wait: 99999999999999999999s}");
        assertThatThrownBy(() -> RuleTestCase.read(wait)).isInstanceOf(IOException.class)
                .hasMessageContaining("input #1: bad duration '99999999999999999999s' (at most 365d)");
    }
}
