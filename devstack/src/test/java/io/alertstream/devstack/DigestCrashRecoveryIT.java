package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.digest.DigestTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user digest state survives crashes: one {@code alertstream run} process (exactly-once v2,
 * 4-partition topics) serves a seeded {@link DigestWorkload} round by round and is killed with SIGKILL
 * twice while input flows, each time inside an open transaction ({@link OpenTransactionKill}): once
 * while a round's status changes stream in, with repartitioned changes uncommitted (the replacement
 * restarts on the same state directory, as after a process crash, and Streams wipes that dirty state),
 * once while a round's digest requests stream in, with digests uncommitted (the replacement starts on an
 * empty state directory, as on another host, and restores everything from the changelogs). A
 * {@code read_committed} consumer must see exactly one digest per request, and each user's digests must
 * be exactly those of {@link DigestModel}: an alarm reported before a crash is not reported again after
 * it, and a change produced before a crash is reported after it.
 *
 * <p>Determinism: the model applies a round's changes, then its requests. The test makes the processor
 * see them in that order by producing a round's requests only once the application's group committed
 * every change of the round (so their repartitioned copies are committed ahead of any request), and the
 * next round's changes only once every digest of the round was read.
 */
class DigestCrashRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(DigestCrashRecoveryIT.class);
    private static final int ROUNDS = 6;
    private static final int KILL_WHILE_CHANGING = 2;
    private static final int KILL_WHILE_REQUESTING = 4;
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    /** How often the producing loop looks for a moment to kill. */
    private static final long LOOK_EVERY_NANOS = Duration.ofMillis(10).toNanos();

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();
    @TempDir
    static Path tmp;
    private final List<ChildJvm> children = new ArrayList<>();
    private StreamsFixture fx;
    private Path logs;
    private ChildJvm instance;

    /** One record to produce. */
    private record Outgoing(String key, String value) {
    }

    /** Progress of the instance through the round being produced, as seen from outside. */
    @FunctionalInterface
    private interface Progress {
        long get() throws Exception;
    }

    /**
     * A crash while {@code records} flow to {@code topic} at {@code perSecond}: once {@code progress}
     * reaches {@code killAt}, the instance is killed inside an open transaction writing {@code inFlightTopic},
     * and {@code replacement} starts on the state directory {@code stateDir}.
     */
    private record Crash(String topic, List<Outgoing> records, int perSecond, Progress progress, long killAt,
                         String inFlightTopic, String replacement, String stateDir) {
    }

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    @Test
    void shouldSendEveryDigestExactlyOnceAndNeverRepeatAnAlarmWhenTheInstanceIsKilledMidStream() throws Exception {
        DigestWorkload workload = DigestWorkload.generate(2026L, Instant.now().minus(Duration.ofHours(2)), 20, 30, ROUNDS);
        fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of());
        String status = "status-" + fx.name;
        String requests = "requests-" + fx.name;
        fx.base.put(DigestConfig.STATUS_TOPIC_CONFIG, status);
        fx.base.put(DigestConfig.REQUEST_TOPIC_CONFIG, requests);
        fx.base.put(DigestConfig.DIGEST_TOPIC_CONFIG, "digests-" + fx.name);
        fx.base.put(DigestConfig.DEAD_LETTER_TOPIC_CONFIG, "digest-dlq-" + fx.name);
        // The bridge would also write to the status topic; the model needs the test to be its only writer.
        fx.base.put(DigestConfig.BRIDGE_ENABLED_CONFIG, "false");
        fx.createTopics(4);
        String digestTopic = fx.config().digest().digestTopic();
        String byUser = fx.base.getProperty("application.id") + "-" + DigestTopology.BY_USER_REPARTITION + "-repartition";
        logs = ChildJvm.logDir(DigestCrashRecoveryIT.class);

        DigestModel model = new DigestModel();
        Map<String, List<String>> expected = new TreeMap<>();
        int requested = 0;
        Map<String, Integer> quietAtFirstCrash = Map.of();
        Map<String, Integer> quietAtSecondCrash = Map.of();
        instance = startRun("instance-a", "instance-a");
        try (GroupOffsets group = new GroupOffsets(KAFKA.bootstrapServers(), fx.base.getProperty("application.id"));
             DigestReader digests = new DigestReader(KAFKA.bootstrapServers(), digestTopic);
             EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            awaitRunning(instance);
            for (int r = 0; r < ROUNDS; r++) {
                DigestWorkload.Round round = workload.rounds.get(r);
                int sentBeforeKill = 0;
                List<Outgoing> changes = round.changes().stream().map(c -> new Outgoing(c.key(), c.json())).toList();
                if (r == KILL_WHILE_CHANGING) {
                    long before = group.committed(status);
                    quietAtFirstCrash = model.quietAlarms();
                    // Killed while the parsers' transaction holds repartitioned changes; restarts on its own state directory.
                    sentBeforeKill = crashWhileProducing(sender, group, new Crash(status, changes, 150, () -> group.committed(status) - before,
                            changes.size() / 10, byUser, "instance-a-restarted", "instance-a"));
                } else {
                    produce(sender, status, changes);
                }
                group.awaitCaughtUp(status, CATCH_UP);
                round.changes().forEach(model::apply);
                if (r == KILL_WHILE_CHANGING) {
                    assertStayQuiet(model.stillQuietDespiteNewChanges(quietAtFirstCrash), "first");
                } else if (r == KILL_WHILE_REQUESTING + 1) {
                    assertStayQuiet(model.stillQuietDespiteNewChanges(quietAtSecondCrash), "second");
                }

                List<Outgoing> asks = round.requests().stream().map(q -> new Outgoing(q.key(), q.json())).toList();
                if (r == KILL_WHILE_REQUESTING) {
                    int before = digests.digests.size();
                    quietAtSecondCrash = model.quietAlarms();
                    // Killed while a transaction holds digests; the replacement starts on an empty state directory.
                    crashWhileProducing(sender, group, new Crash(requests, asks, 5, () -> digests.poll(Duration.ofMillis(1)) - before,
                            2, digestTopic, "instance-b", "instance-b"));
                } else {
                    produce(sender, requests, asks);
                }
                Map<String, List<String>> roundDigests = new TreeMap<>();
                for (DigestWorkload.Request q : round.requests()) {
                    String digest = model.digest(q.user());
                    expected.computeIfAbsent(q.user(), u -> new ArrayList<>()).add(digest);
                    roundDigests.computeIfAbsent(q.user(), u -> new ArrayList<>()).add(digest);
                }
                if (r == KILL_WHILE_CHANGING) {
                    assertReportedAfterTheCrash(round.changes().subList(0, sentBeforeKill), roundDigests);
                }
                requested += asks.size();
                assertThat(digests.readUntil(requested, CATCH_UP)).as("digests read after round %d", r).isEqualTo(requested);
                LOG.info("Round {}: {} changes, {} requests, {} digests read so far", r, changes.size(), asks.size(), requested);
            }
            assertThat(digests.drain(Duration.ofSeconds(3))).as("one digest per request: none lost, none doubled").isEqualTo(requested);
            try (DigestReader all = new DigestReader(KAFKA.bootstrapServers(), digestTopic, false)) {
                int aborted = all.drain(Duration.ofSeconds(3)) - requested;
                LOG.info("{} digests were written in the transaction the second crash aborted", aborted);
                assertThat(aborted).as("digests in the transaction the second crash aborted (read_uncommitted sees them)").isPositive();
            }
            assertThat(digests.digests).as("digests are keyed by UserID").allSatisfy(d -> assertThat(d.key()).isEqualTo(d.user()));
            Map<String, List<String>> actual = digests.byUser();
            assertThat(actual.keySet()).as("users with digests").isEqualTo(expected.keySet());
            expected.forEach((user, list) -> assertThat(actual.get(user)).as("digests of %s, in order", user).isEqualTo(list));
            assertThat(instance.isAlive()).as("the last replacement keeps running").isTrue();
        } catch (AssertionError | RuntimeException e) {
            children.forEach(c -> LOG.error("DigestCrashRecoveryIT failed; output of {}:\n{}", c.name, c.tail(60)));
            throw e;
        }
    }

    /**
     * Produces the crash's records at its pace and, once its progress is reached (the instance is busy
     * with this very round), kills the instance inside an open transaction and starts the replacement
     * while the rest keeps flowing. Checks that the kill landed mid-round and that the replacement took
     * over, and returns how many records had been produced when it landed.
     */
    private int crashWhileProducing(EventSender sender, GroupOffsets group, Crash crash) throws Exception {
        ChildJvm victim = instance;
        List<Outgoing> records = crash.records();
        int sentBeforeKill = -1;
        long committedAtDeath = -1;
        long killedAt = 0;
        boolean busy = false;
        long started = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
            sender.send(crash.topic(), null, System.currentTimeMillis(), records.get(i).key(), records.get(i).value());
            long due = started + (i + 1) * 1_000_000_000L / crash.perSecond();
            do { // until the next record is due, look for the moment to kill
                if (sentBeforeKill < 0) {
                    busy = busy || crash.progress().get() >= crash.killAt();
                    long open = busy ? OpenTransactionKill.attempt(victim, group, crash.inFlightTopic()) : 0;
                    if (open > 0) {
                        killedAt = System.nanoTime();
                        committedAtDeath = group.committed(crash.topic());
                        sentBeforeKill = i + 1;
                        LOG.info("Killed {} (pid {}) after {} of {} records of {}, with {} records on {} in an open transaction",
                                victim.name, victim.pid(), sentBeforeKill, records.size(), crash.topic(), open, crash.inFlightTopic());
                        instance = startRun(crash.replacement(), crash.stateDir());
                    }
                }
                Thread.sleep(Math.max(0, Math.min(due - System.nanoTime(), LOOK_EVERY_NANOS)) / 1_000_000);
            } while (System.nanoTime() < due);
        }
        sender.flush();
        assertThat(sentBeforeKill).as("the kill landed while records of %s were still being produced (progress %d, %d needed)",
                crash.topic(), crash.progress().get(), crash.killAt()).isPositive().isLessThan(records.size());
        assertThat(victim.exitValue()).as("%s was killed by SIGKILL", victim.name).isEqualTo(ChildJvm.KILLED_BY_SIGKILL);
        awaitRunning(instance);
        group.awaitCaughtUp(crash.topic(), CATCH_UP);
        assertThat(group.committed(crash.topic())).as("the replacement %s processed what %s left of %s", crash.replacement(),
                victim.name, crash.topic()).isGreaterThan(committedAtDeath);
        LOG.info("{} caught up with {} {} s after the kill ({} committed at the kill, {} now)", crash.replacement(), crash.topic(),
                (System.nanoTime() - killedAt) / 1_000_000_000, committedAtDeath, group.committed(crash.topic()));
        return sentBeforeKill;
    }

    /**
     * Changes produced before the first crash that this round's digests (produced after it) report: there
     * must be some, or the test would not show that such changes survive the crash.
     */
    private static void assertReportedAfterTheCrash(List<DigestWorkload.Change> beforeCrash, Map<String, List<String>> digests) {
        Set<String> changed = new HashSet<>();
        beforeCrash.forEach(c -> changed.add(c.user() + " " + DigestModel.render(c.alarm(), c.status(), c.text())));
        long reported = digests.entrySet().stream()
                .flatMap(d -> d.getValue().stream().flatMap(digest -> List.of(digest.split("; ")).stream()).map(a -> d.getKey() + " " + a))
                .filter(changed::contains)
                .count();
        LOG.info("{} alarms changed before the crash are reported after it", reported);
        assertThat(reported).as("alarms changed before the crash that the next digests report").isPositive();
    }

    /** The workload must hold alarms whose report before a crash must not be repeated after it. */
    private static void assertStayQuiet(int alarms, String crash) {
        LOG.info("{} alarms reported before the {} crash took newer changes in the same status during or after its round", alarms, crash);
        assertThat(alarms).as("alarms reported before the %s crash, changed in the same status during or after its round", crash)
                .isPositive();
    }

    private static void produce(EventSender sender, String topic, List<Outgoing> records) {
        records.forEach(o -> sender.send(topic, null, System.currentTimeMillis(), o.key(), o.value()));
        sender.flush();
    }

    private void awaitRunning(ChildJvm child) throws InterruptedException {
        child.awaitLine(Pattern.compile("alertstream running: application.id=" + Pattern.quote(fx.base.getProperty("application.id"))),
                Duration.ofMinutes(3));
    }

    /** Starts {@code alertstream run} with this fixture's topics and {@code stateDir} under the fixture's state root. */
    private ChildJvm startRun(String name, String stateDir) throws Exception {
        Properties config = new Properties();
        fx.base.stringPropertyNames().stream().filter(k -> k.startsWith("alertstream.")).forEach(k -> config.put(k, fx.base.getProperty(k)));
        config.put("state.dir", fx.stateRoot.resolve(stateDir).toString());
        config.put("replication.factor", "1");
        // The killed member leaves the group only when its session expires: keep the takeover quick.
        config.put("session.timeout.ms", "6000");
        config.put("heartbeat.interval.ms", "1500");
        // Exactly-once commits every 100 ms by default: a transaction holding a digest is then open for a few
        // milliseconds only, and a loaded machine's offset lookups miss it for a whole round. A one-second
        // interval keeps each transaction open long enough for OpenTransactionKill to find it.
        config.put("commit.interval.ms", "1000");
        ChildJvm child = ChildJvm.startRun(name, logs, KAFKA.bootstrapServers(), fx.base.getProperty("application.id"), config,
                fx.stateRoot);
        children.add(child);
        return child;
    }
}
