package io.alertstream.devstack;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded digest workload in rounds. Each round holds AlarmStatusChanged messages for many users
 * (several changes per touched alarm, CLEARED→WARNING, WARNING→CRITICAL and back, exact duplicates, the
 * same instant in another notation, stale changes older than what came before, all shuffled), then
 * SendAlarmDigest requests (most users once, some twice, and an idle user who never has alarms).
 *
 * <p>Keys: a change is keyed by {@code UserID/AlarmID}, so all changes of one alarm go to one input
 * partition and reach the digest processor in the order produced (the only order that matters: per
 * alarm, a late older change is ignored, so processing order decides the outcome). The test's model
 * applies them in that same order. Requests carry unrelated keys (the contract allows any key).
 */
final class DigestWorkload {
    static final String IDLE_USER = "user-idle";
    private static final String[] STATUSES = {"CLEARED", "WARNING", "CRITICAL"};
    private static final Duration ROUND_SPAN = Duration.ofMinutes(10);
    private static final DateTimeFormatter NINE_DIGITS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One AlarmStatusChanged as produced; {@code text} is the ChangedAt on the wire, {@code at} the instant it denotes. */
    record Change(String key, String user, String alarm, String status, Instant at, String text) {
        String json() {
            return "{\"AlarmID\":\"" + alarm + "\",\"UserID\":\"" + user + "\",\"Status\":\"" + status
                    + "\",\"ChangedAt\":\"" + text + "\"}";
        }
    }

    /** One SendAlarmDigest as produced. */
    record Request(String key, String user) {
        String json() {
            return "{\"UserID\":\"" + user + "\"}";
        }
    }

    record Round(List<Change> changes, List<Request> requests) {
    }

    final List<Round> rounds = new ArrayList<>();

    /**
     * @param start ChangedAt of the first round; keep it recent, so that no CLEARED alarm reaches the
     *              default retention (7 days) and gets purged during the test
     */
    static DigestWorkload generate(long seed, Instant start, int users, int alarmsPerUser, int rounds) {
        Random random = new Random(seed);
        DigestWorkload w = new DigestWorkload();
        int requestKey = 0;
        for (int r = 0; r < rounds; r++) {
            Instant roundStart = start.plus(ROUND_SPAN.multipliedBy(r));
            List<Change> changes = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "user-%02d".formatted(u);
                int touched = 6 + random.nextInt(10);
                for (int t = 0; t < touched; t++) {
                    addAlarmChanges(random, changes, user, "alarm-%02d".formatted(random.nextInt(alarmsPerUser)), start, roundStart);
                }
            }
            Collections.shuffle(changes, random);
            List<Request> requests = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                String user = "user-%02d".formatted(u);
                int times = random.nextInt(10) < 8 ? 1 : random.nextInt(3); // mostly once, sometimes twice or not at all
                for (int i = 0; i < times; i++) {
                    requests.add(new Request(random.nextBoolean() ? null : "request-" + requestKey++, user));
                }
            }
            requests.add(new Request("request-" + requestKey++, IDLE_USER));
            Collections.shuffle(requests, random);
            w.rounds.add(new Round(List.copyOf(changes), List.copyOf(requests)));
        }
        return w;
    }

    /** One to three changes of one alarm, later ones later in time; sometimes a duplicate or a stale change. */
    private static void addAlarmChanges(Random random, List<Change> changes, String user, String alarm, Instant start,
            Instant roundStart) {
        Instant at = instant(random, roundStart, ROUND_SPAN.toNanos() / 2);
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Change c = change(random, user, alarm, STATUSES[random.nextInt(STATUSES.length)], at);
            changes.add(c);
            if (random.nextInt(10) == 0) { // delivered twice, maybe in another notation: the second changes nothing
                changes.add(change(random, user, alarm, c.status(), c.at()));
            }
            at = instant(random, at.plusMillis(1), Duration.ofSeconds(30).toNanos());
        }
        if (random.nextInt(20) == 0) { // a straggler from the past: older than anything this alarm took since
            changes.add(change(random, user, alarm, STATUSES[random.nextInt(STATUSES.length)],
                    instant(random, start.minus(ROUND_SPAN), ROUND_SPAN.toNanos() / 2)));
        }
    }

    private static Change change(Random random, String user, String alarm, String status, Instant at) {
        return new Change(user + "/" + alarm, user, alarm, status, at, text(random, at));
    }

    /** A time within {@code spanNanos} after {@code from}, at a random precision (seconds to nanoseconds). */
    private static Instant instant(Random random, Instant from, long spanNanos) {
        Instant at = from.plusNanos((long) (random.nextDouble() * spanNanos));
        ChronoUnit unit = List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS, ChronoUnit.NANOS).get(random.nextInt(4));
        Instant truncated = at.truncatedTo(unit);
        return truncated.isBefore(from) ? from : truncated;
    }

    /** The same instant written one of three ways: shortest ISO form, nine fraction digits, or at +02:00. */
    private static String text(Random random, Instant at) {
        return switch (random.nextInt(3)) {
            case 0 -> at.toString();
            case 1 -> NINE_DIGITS.format(at);
            default -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atOffset(ZoneOffset.ofHours(2)));
        };
    }
}
