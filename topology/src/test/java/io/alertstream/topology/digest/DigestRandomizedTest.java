package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random interleavings of status changes (with duplicates, equal ChangedAt, the same instant in other
 * offsets, reordering, any record key and a few malformed messages) and digest requests for several
 * users; every digest must equal the one a simple reference model computes. Fixed seeds: a failure
 * names its seed and step and replays exactly.
 */
class DigestRandomizedTest {
    private static final String[] STATUSES = {"CLEARED", "WARNING", "CRITICAL"};
    private static final Instant BASE = Instant.parse("2021-06-07T20:40:00Z");
    private static final DateTimeFormatter NINE_DIGITS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One input, in arrival order: a status change, a digest request, or a malformed record. */
    private record Step(String key, String user, String alarm, String status, Instant at, String text, String raw) {
        boolean isRequest() {
            return alarm == null && raw == null;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 4711L, 20210607L, 987654321L})
    void shouldProduceEveryDigestTheReferenceModelProduces(long seed) {
        Random random = new Random(seed);
        List<Step> steps = generate(random, 600);
        ReferenceModel model = new ReferenceModel();
        int digests = 0;
        int malformed = 0;
        try (DigestHarness harness = new DigestHarness()) {
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                if (s.raw() != null) {
                    harness.rawChange(s.key(), s.raw());
                    malformed++;
                } else if (s.isRequest()) {
                    harness.request(s.key(), s.user());
                    List<AlarmDigest> out = harness.digests();
                    assertThat(out).as("seed %d step %d: one digest per request", seed, i).hasSize(1);
                    assertThat(out.get(0).userId()).isEqualTo(s.user());
                    assertThat(out.get(0).activeAlarms()).as("seed %d step %d: digest for %s", seed, i, s.user())
                            .containsExactlyElementsOf(model.digest(s.user()));
                    digests++;
                } else {
                    harness.change(s.key(), s.user(), s.alarm(), s.status(), s.text());
                    model.change(s.user(), s.alarm(), s.status(), s.at(), s.text());
                }
            }
            assertThat(harness.deadLetters()).as("seed %d: dead letters", seed)
                    .extracting(d -> DigestDeadLetterTest.header(d, DeadLetters.ERROR_MESSAGE))
                    .hasSize(malformed)
                    .allMatch(m -> m.startsWith("Status \"MAJOR\""));
        }
        assertThat(digests).as("the run exercised digests").isGreaterThan(50);
    }

    private static List<Step> generate(Random random, int changes) {
        List<Step> sent = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            String user = "user-" + random.nextInt(4);
            Instant at = BASE.plusMillis(250L * random.nextInt(60)).plusNanos(random.nextInt(3));
            Step change = new Step(key(random, user), user, "alarm-" + random.nextInt(6), STATUSES[random.nextInt(3)], at,
                    text(random, at), null);
            sent.add(change);
            if (random.nextInt(10) == 0) { // a duplicate, delivered again later with another key
                sent.add(new Step(key(random, user), user, change.alarm(), change.status(), at, change.text(), null));
            }
        }
        // Reorder: swap neighbours within a short distance, as a producer retry or a partition merge would.
        for (int i = 0; i < sent.size(); i++) {
            int j = Math.min(sent.size() - 1, i + random.nextInt(8));
            Collections.swap(sent, i, j);
        }
        List<Step> steps = new ArrayList<>();
        for (Step s : sent) {
            steps.add(s);
            if (random.nextInt(6) == 0) {
                String user = "user-" + random.nextInt(5); // user-4 never has alarms: empty digests
                steps.add(new Step(key(random, user), user, null, null, null, null, null));
            }
            if (random.nextInt(40) == 0) {
                steps.add(new Step("bad", "user-0", null, null, null, null,
                        DigestHarness.statusJson("user-0", "alarm-1", "MAJOR", BASE.toString())));
            }
        }
        return steps;
    }

    private static String key(Random random, String user) {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> user;
            default -> "key-" + random.nextInt(100);
        };
    }

    /** The same instant written three ways: canonical, nine fraction digits, or at +02:00. */
    private static String text(Random random, Instant at) {
        return switch (random.nextInt(3)) {
            case 0 -> at.toString();
            case 1 -> NINE_DIGITS.format(at);
            default -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.ofHours(2)));
        };
    }

    /**
     * The rules, written plainly: per alarm, the history of statuses it took (a change is taken only when
     * its ChangedAt is later than the last one taken); a digest lists each active alarm that was never
     * reported, or whose history since the report holds any other status than the one reported.
     */
    static final class ReferenceModel {
        private record Taken(String status, Instant at, String text) {
        }

        private final Map<String, Map<String, List<Taken>>> histories = new HashMap<>();
        private final Map<String, Map<String, Integer>> reportedAt = new HashMap<>();

        void change(String user, String alarm, String status, Instant at, String text) {
            List<Taken> h = histories.computeIfAbsent(user, u -> new TreeMap<>()).computeIfAbsent(alarm, a -> new ArrayList<>());
            if (h.isEmpty() || at.isAfter(h.get(h.size() - 1).at())) {
                h.add(new Taken(status, at, text));
            }
        }

        List<ActiveAlarm> digest(String user) {
            Map<String, Integer> reported = reportedAt.computeIfAbsent(user, u -> new HashMap<>());
            List<Map.Entry<String, Taken>> listed = new ArrayList<>();
            histories.getOrDefault(user, Map.of()).forEach((alarm, h) -> {
                Taken current = h.get(h.size() - 1);
                if (current.status().equals("CLEARED")) {
                    return;
                }
                Integer r = reported.get(alarm);
                boolean news = r == null || h.subList(r, h.size()).stream().anyMatch(t -> !t.status().equals(h.get(r).status()));
                if (news) {
                    listed.add(Map.entry(alarm, current));
                    reported.put(alarm, h.size() - 1);
                }
            });
            listed.sort(Comparator.<Map.Entry<String, Taken>, Instant>comparing(e -> e.getValue().at()).thenComparing(Map.Entry::getKey));
            return listed.stream().map(e -> new ActiveAlarm(e.getKey(), e.getValue().status(), e.getValue().text())).toList();
        }
    }
}
