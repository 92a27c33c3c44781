package io.alertstream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.testing.RuleTestRunner;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule files in this directory must be valid, and every test under {@code tests/} runs as its own
 * JUnit test through TopologyTestDriver: {@code mvn test} fails if a rule edit breaks a rule test.
 */
class RuleFilesTest {
    private static final Path RULES = Path.of(System.getProperty("alertstream.rules.dir", "."));

    @Test
    void everyRuleFileIsValid() throws Exception {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadDirectory(RULES);
        assertThat(set.problems()).as("problems in %s", RULES.toAbsolutePath()).isEmpty();
        assertThat(set.rules()).isNotEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyRuleTestPasses() throws Exception {
        return RuleTestRunner.findTests(RULES).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            RuleTestRunner.Outcome outcome = RuleTestRunner.run(file);
            assertThat(outcome.passed()).as("%s", outcome.report()).isTrue();
        }));
    }
}
