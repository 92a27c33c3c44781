package io.alertstream.api;

import io.alertstream.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Properties of an API instance for a test against an embedded broker: own topics and application id per test. */
final class ApiTestSupport {
    static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ApiTestSupport() {
    }

    /** @param name a prefix for topics and application id, unique per test class */
    static Properties props(EmbeddedKafka kafka, String name) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("alertstream.api.host", "127.0.0.1");
        p.put("alertstream.api.port", "0");
        p.put("alertstream.api.jwt.secret", SECRET);
        p.put("alertstream.api.bcrypt.cost", "4");
        // Unique per run: the state directory outlives the run, and a checkpoint of another broker's topics is refused.
        p.put("alertstream.api.application.id", unique(name + "-api"));
        p.put("alertstream.api.users.topic", name + "-users");
        p.put("alertstream.api.tokens.topic", name + "-tokens");
        p.put("alertstream.topic.events", name + "-events");
        p.put("alertstream.topic.alerts", name + "-alerts");
        p.put("alertstream.topic.rules", name + "-rules");
        p.put("commit.interval.ms", "100");
        return p;
    }

    static Properties with(Properties base, Map<String, String> more) {
        Properties p = new Properties();
        p.putAll(base);
        p.putAll(more);
        return p;
    }

    static ApiApp start(Properties p) throws Exception {
        return ApiApp.start(p, Duration.ofSeconds(60));
    }

    static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
    }
}
