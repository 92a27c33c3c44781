package io.alertstream.api.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.api.ApiTopology;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hourly probe buckets of the API topology (TopologyTestDriver) and the stats merged from them. */
class ProbeStatsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** The driver's wall clock: a day after the checks, so none of them is dated ahead of it. */
    private static final Instant NOW = T0.plus(java.time.Duration.ofDays(1));
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> probes;

    /** Its own state directory: the default one in /tmp is shared by every build on the machine, and RocksDB locks it. */
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    @BeforeEach
    void setUp() {
        ApiTopics topics = new ApiTopics("users", "api-tokens", "events", "alerts", "rules", "rule-problems");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "probe-stats-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ApiTopology.build(topics), p, NOW);
        probes = driver.createInputTopic(topics.probes(), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private void probe(String target, Instant at, boolean ok, Double latency, boolean maintenance) {
        probes.pipeInput(target, "{\"kind\":\"probe\",\"target\":\"" + target + "\",\"url\":\"http://h/\",\"status\":" + (ok ? 200 : 503)
                + ",\"ok\":" + ok + ",\"latency_ms\":" + latency + ",\"error\":null,\"location\":\"eu\",\"timestamp\":\"" + at
                + "\",\"maintenance\":" + maintenance + "}", at);
    }

    private TargetStats stats(String target, Instant from, Instant to) {
        WindowStore<String, ProbeBucket> store = driver.getWindowStore(ApiStores.PROBE_STATS);
        java.util.Map<Long, ProbeBucket> byHour = new java.util.TreeMap<>();
        try (var it = store.fetch(target, TargetStats.hourOf(from), to)) {
            it.forEachRemaining(kv -> byHour.put(kv.key, kv.value));
        }
        return TargetStats.of(target, "x", TargetStats.hourOf(from), to, byHour);
    }

    @Test
    void shouldCountChecksPerHourAndMergeTheirLatencies() {
        for (int i = 0; i < 100; i++) {
            probe("a", T0.plusSeconds(30L * i), i % 10 != 0, (double) (i + 1), i % 25 == 0);
        }
        probe("a", T0.plusSeconds(7200), false, null, false);  // a failure without latency, two hours later
        probe("b", T0, true, 5.0, false);
        TargetStats all = stats("a", T0, T0.plusSeconds(3 * 3600));
        assertThat(all.checks()).isEqualTo(101);
        assertThat(all.failures()).isEqualTo(11);
        assertThat(all.successes()).isEqualTo(90);
        assertThat(all.availability()).isEqualTo(89.11); // 100 * 90 / 101 = 89.1089..., to two decimals
        assertThat(all.latencyMs().p50()).isCloseTo(50.0, within(50 * 0.02 + 1));
        assertThat(all.latencyMs().p95()).isCloseTo(95.0, within(95 * 0.02 + 1));
        assertThat(all.hours()).as("every hour of the window, the empty one too").extracting(TargetStats.Hour::start)
                .containsExactly(T0.toString(), T0.plusSeconds(3600).toString(), T0.plusSeconds(7200).toString(), T0.plusSeconds(10800).toString());
        assertThat(all.hours()).extracting(TargetStats.Hour::successes).containsExactly(90L, 0L, 0L, 0L);
        assertThat(all.hours()).extracting(TargetStats.Hour::failures).containsExactly(10L, 0L, 1L, 0L);
        assertThat(all.hours().get(0).latencyMs()).as("the hour's p50, the sparkline's point").isCloseTo(50.0, within(50 * 0.02 + 1));
        assertThat(all.hours().subList(1, 4)).as("hours without an answered check have no latency").extracting(TargetStats.Hour::latencyMs)
                .containsOnlyNulls();
        TargetStats lastHour = stats("a", T0.plusSeconds(7200), T0.plusSeconds(3 * 3600));
        assertThat(lastHour.checks()).isEqualTo(1);
        assertThat(lastHour.availability()).isZero();
        assertThat(lastHour.latencyMs()).as("no latency recorded").isNull();
    }

    @Test
    void shouldCountAFailureWithoutAnAnswerButNotTheTimeItTookToFail() {
        probe("a", T0, true, 200.0, false);
        // As the probe connector writes them: status null, latency_ms the time until dns, connect or timeout failed.
        for (String failure : new String[] {"\"dns\",\"latency_ms\":0", "\"connect\",\"latency_ms\":3", "\"timeout\",\"latency_ms\":10000"}) {
            probes.pipeInput("a", "{\"kind\":\"probe\",\"target\":\"a\",\"status\":null,\"ok\":false,\"error\":" + failure
                    + ",\"timestamp\":\"" + T0.plusSeconds(60) + "\",\"maintenance\":false}", T0.plusSeconds(60));
        }
        TargetStats s = stats("a", T0, T0.plusSeconds(3600));
        assertThat(s.checks()).isEqualTo(4);
        assertThat(s.failures()).isEqualTo(3);
        assertThat(s.latencyMs().p50()).as("only the answered check's latency").isCloseTo(200.0, within(200 * 0.01));
        assertThat(s.latencyMs().p95()).isCloseTo(200.0, within(200 * 0.01));
    }

    @Test
    void shouldSkipAResultDatedFarAheadOfTheClockSoItCannotExpireThePartitionsStats() {
        probe("a", T0, true, 200.0, false);
        probe("b", Instant.parse("2099-01-01T00:00:00Z"), true, 200.0, false);  // a prober with a wrong clock
        probe("b", NOW.plus(ProbeBucketer.MAX_AHEAD).minusSeconds(1), true, 200.0, false);  // skew within bounds
        probe("a", T0.plusSeconds(120), true, 200.0, false);
        assertThat(stats("a", T0, T0.plusSeconds(3600)).checks()).as("a's stats are kept, and still counted").isEqualTo(2);
        assertThat(stats("b", NOW.minusSeconds(3600), NOW.plusSeconds(3600)).checks()).isEqualTo(1);
    }

    @Test
    void shouldAnswerNullsWithoutChecksAndSkipWhatIsNotAProbeResult() {
        probes.pipeInput("a", "not json", T0);
        probes.pipeInput("a", "{\"kind\":\"probe\"}", T0);
        TargetStats none = stats("a", T0, T0.plusSeconds(3600));
        assertThat(none.checks()).isZero();
        assertThat(none.availability()).isNull();
        assertThat(none.latencyMs()).isNull();
    }
}
