package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code alertstream run} processes started from the same directory with no state option, as the
 * README's Scaling section has a user try it: each takes its own state slot, both reach RUNNING and they
 * share the partitions; a third that is told to use a slot already held says so in one line.
 */
class SameDirectoryInstancesIT {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @Test
    void shouldRunTwoInstancesFromOneDirectoryEachInItsOwnStateSlot() throws Exception {
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of());
        Path workDir = Files.createDirectories(tmp.resolve("cwd"));
        Path config = workDir.resolve("alertstream.properties");
        Properties p = new Properties();
        for (String key : fx.base.stringPropertyNames()) {
            if (key.startsWith("alertstream.topic.") || key.startsWith("alertstream.digest.topic.") || key.startsWith("alertstream.notify.topic.")) {
                p.put(key, fx.base.getProperty(key));
            }
        }
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "SameDirectoryInstancesIT: no state.dir on purpose");
        }
        String appId = fx.base.getProperty("application.id");
        List<String> run = List.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(), "--application-id", appId,
                "--config", config.toString());
        Path logs = ChildJvm.logDir(SameDirectoryInstancesIT.class);
        try (ChildJvm first = ChildJvm.start("first", logs, run, Map.of(), workDir);
             ChildJvm second = ChildJvm.start("second", logs, run, Map.of(), workDir)) {
            Pattern running = Pattern.compile("alertstream running: application.id=" + Pattern.quote(appId));
            first.awaitLine(running, Duration.ofMinutes(3));
            second.awaitLine(running, Duration.ofMinutes(3));

            Map<String, List<TopicPartition>> owned = GroupMembers.awaitEventPartitions(KAFKA.bootstrapServers(), appId,
                    fx.config().inputTopics().get(0), 2);
            assertThat(owned).hasSize(2);
            Path slots = workDir.resolve(".alertstream").resolve("state");
            assertThat(slots.resolve("slot-0").resolve(appId)).isDirectory();
            assertThat(slots.resolve("slot-1").resolve(appId)).isDirectory();
            assertThat(first.output() + second.output()).doesNotContain("Unable to obtain lock");

            // A third told to use a directory the first holds stops at once, saying what to do.
            Launcher.Result third = Launcher.run(null, List.of("run", "--bootstrap-servers", KAFKA.bootstrapServers(),
                    "--application-id", appId, "--config", config.toString(), "--state-dir", slots.resolve("slot-0").toString()));
            assertThat(third.exitCode()).isEqualTo(1);
            assertThat(third.stderr()).contains("is in use by another alertstream process (pid ", "give this one another --state-dir DIR");

            assertThat(first.terminate(Duration.ofSeconds(60))).isTrue();
            assertThat(second.terminate(Duration.ofSeconds(60))).isTrue();
        }
    }
}
