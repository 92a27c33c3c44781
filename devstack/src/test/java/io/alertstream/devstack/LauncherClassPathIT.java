package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher runs production commands from the api module's class path (the engine and the API, as the container
 * images have them) and only {@code dev} and the help from devstack's, which adds the test kit. Every production
 * command must work from that class path: {@code rules test} needs Kafka Streams' test driver, which a test-scoped
 * declaration once left out of it.
 */
class LauncherClassPathIT {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    @Test
    void shouldRunProductionCommandsWithoutTheTestKit() throws Exception {
        List<String> production = Arrays.asList(Files.readString(ROOT.resolve("api/target/classpath.txt")).strip().split(":"));
        assertThat(production).as("the production class path").isNotEmpty()
                .noneMatch(entry -> entry.contains("alertstream-testkit") || entry.contains("/testkit/"));

        Launcher.Result test = Launcher.run(null, List.of("rules", "test", ROOT.resolve("rules").toString()));
        assertThat(test.exitCode()).as(test.stdout() + test.stderr()).isZero();
        assertThat(test.stdout()).contains("passed, 0 failed");
        Launcher.Result validate = Launcher.run(null, List.of("rules", "validate", ROOT.resolve("rules").toString()));
        assertThat(validate.exitCode()).as(validate.stdout() + validate.stderr()).isZero();
    }

    @Test
    void shouldListDevAndApiInTheHelp() throws Exception {
        Launcher.Result help = Launcher.run(null, List.of("--help"));
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("  dev ").contains("  api ").contains("  run ");
    }
}
