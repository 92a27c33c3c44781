package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.runtime.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the bench starts `alertstream run` in a child JVM: its command line, config file and environment. */
class AppProcessTest {

    @Test
    void shouldRunTheRealRunCommandWithTheJvmOptionsBeforeTheClassPath() {
        List<String> command = AppProcess.command("/jdk/bin/java", List.of("-Xmx1g"), "a.jar:b.jar", Path.of("/w/app-1.properties"),
                "127.0.0.1:9092", "app-1", 4, (short) 1);

        assertThat(command).containsExactly("/jdk/bin/java", "-Xmx1g", "-cp", "a.jar:b.jar", "io.alertstream.topology.cli.Main", "run",
                "--bootstrap-servers", "127.0.0.1:9092", "--config", "/w/app-1.properties", "--application-id", "app-1",
                "--partitions", "4", "--replication-factor", "1");
    }

    @Test
    void shouldGiveRunTheSamePropertiesAsTheInProcessInstance(@TempDir Path dir) throws Exception {
        Properties flags = new Properties();
        flags.put("bootstrap.servers", "127.0.0.1:9092");
        flags.put("alertstream.topic.events", "s-events");
        flags.put("alertstream.idle.timeout", "5s");
        flags.put("sasl.jaas.config", "x required user=\"a b\";"); // quotes, spaces and '=' survive the file
        Properties instance = AppConfig.load(null, Map.of(), flags);
        instance.put("application.id", "s-app-1");
        instance.put("state.dir", dir.resolve("s-app-1").toString());

        Path file = AppProcess.writeConfig(instance, dir.resolve("s-app-1.properties"));
        // What RunCommand builds from --config and its flags, with the environment the child gets (none of ours).
        Properties runFlags = new Properties();
        runFlags.put("bootstrap.servers", "127.0.0.1:9092");
        runFlags.put("application.id", "s-app-1");
        Properties run = AppConfig.load(file, Map.of(), runFlags);

        assertThat(Files.exists(file)).isTrue();
        assertThat(run).isEqualTo(instance);
    }

    @Test
    void shouldRemoveEveryAlertstreamVariableFromTheChildEnvironmentAndKeepTheRest() {
        Map<String, String> removed = AppProcess.withoutAlertstreamSettings(
                Map.of("ALERTSTREAM_IDLE_TIMEOUT", "1s", "ALERTSTREAM_KAFKA_ACKS", "1", "ALERTSTREAM_OPTS", "-Xmx2g", "PATH", "/bin"));

        Map<String, String> expected = new HashMap<>();
        expected.put("ALERTSTREAM_IDLE_TIMEOUT", null);
        expected.put("ALERTSTREAM_KAFKA_ACKS", null);
        expected.put("ALERTSTREAM_OPTS", null);
        assertThat(removed).isEqualTo(expected);
    }
}
