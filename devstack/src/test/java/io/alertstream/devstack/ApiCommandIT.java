package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alertstream api} as an operator runs it, in its own JVM against a broker where nothing was set
 * up: it refuses to start without a login signing key (one line naming the setting, no stack trace); with
 * the key from the environment it creates the topics it needs, prints its ready line with its URL, serves
 * signup, login and ingest, and stops on SIGTERM.
 */
class ApiCommandIT {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();
    private static final String SECRET_VARIABLE = "ALERTSTREAM_API_JWT_SECRET";

    @TempDir
    Path tmp;
    private ChildJvm api;

    @AfterEach
    void stop() throws InterruptedException {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void shouldRefuseToStartWithoutASigningKeyThenServeAndStopOnSigterm() throws Exception {
        Path config = config();
        Path logs = ChildJvm.logDir(ApiCommandIT.class);
        List<String> args = List.of("api", "--bootstrap-servers", KAFKA.bootstrapServers(), "--port", "0", "--config", config.toString());

        // As the launcher runs it (the user's log configuration: library logs to the log file, not the console).
        ChildJvm keyless = ChildJvm.startLikeLauncher("api-without-key", logs, args, tmp);
        assertThat(keyless.awaitExit(Duration.ofMinutes(1))).as("api without a signing key exits").isTrue();
        assertThat(keyless.exitValue()).isEqualTo(1);
        assertThat(keyless.output()).as("one line naming the setting").startsWith("alertstream: ").contains("alertstream.api.jwt.secret")
                .doesNotContain("\tat ");

        api = ChildJvm.start("api", logs, args, Map.of(SECRET_VARIABLE, "api-command-it-signing-key-" + UUID.randomUUID()));
        String ready = api.awaitLine(Pattern.compile("^alertstream api ready: url=http://127\\.0\\.0\\.1:\\d+ "), Duration.ofMinutes(2));
        Matcher url = Pattern.compile("url=(\\S+)").matcher(ready);
        assertThat(url.find()).isTrue();
        assertThat(ready).as("the ready line names the web console").contains(" console=" + url.group(1) + "/ ");
        ApiCalls calls = new ApiCalls(url.group(1));
        calls.post("/v1/signup", null, "{\"user\":\"operator\",\"email\":\"operator@example.com\",\"password\":\"correct horse battery\"}", 201);
        String jwt = calls.post("/v1/login", null, "{\"user\":\"operator\",\"password\":\"correct horse battery\"}", 200)
                .get("token").asText();
        assertThat(calls.post("/v1/events", jwt, "{\"service\":\"checkout\",\"status\":503}", 200).get("accepted").asInt()).isEqualTo(1);
        assertThat(calls.get("/v1/me", jwt).get("user").asText()).isEqualTo("operator");

        assertThat(api.terminate(Duration.ofMinutes(1))).as("api stops on SIGTERM").isTrue();
    }

    /** Topic names and application id of this test alone: the broker is shared with other test classes. */
    private Path config() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Properties p = new Properties();
        for (String topic : List.of("events", "rules", "alerts", "counters")) {
            p.put("alertstream.topic." + topic, topic + "-api-it-" + suffix);
        }
        p.put("alertstream.topic.dead-letter", "events.dlq-api-it-" + suffix);
        p.put("alertstream.topic.rule-problems", "rule-problems-api-it-" + suffix);
        p.put("alertstream.notify.topic.routing", "routing-api-it-" + suffix);
        p.put("alertstream.notify.topic.notifications", "notifications-api-it-" + suffix);
        p.put("alertstream.api.users.topic", "users-api-it-" + suffix);
        p.put("alertstream.api.tokens.topic", "tokens-api-it-" + suffix);
        p.put("alertstream.api.application.id", "api-it-" + suffix);
        p.put("alertstream.api.state.dir", tmp.resolve("api-state").toString());
        p.put("alertstream.api.bcrypt.cost", "4");
        Path file = tmp.resolve("api.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "ApiCommandIT");
        }
        return file;
    }
}
