package io.alertstream.testkit.backlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A seeded backlog for issue #12 ("exact alerts whatever the arrival order"): many groups, each
 * walking through an hour of one-minute windows as a small Markov chain. A group is quiet (empty
 * windows, a few hits, or exactly {@link #WARNING} hits, which must not fire) until a run starts;
 * a run is a stretch of CONSECUTIVE breaching windows, each at warning (from exactly WARNING + 1 to
 * exactly {@link #CRITICAL}) or at critical (from exactly CRITICAL + 1), and ends with a gap. Filler
 * events of another kind only move event time.
 *
 * <p>Unlike devstack's {@code Workload} (one group per alert window, what the crash and restart tests
 * count), groups here carry state from window to window, so a lost, late or reordered event changes a level,
 * a run's start or its end. The hits per group and minute ({@link #hits}) are the input of
 * {@link ExpectedTransitions}. Shared by the backlog integration test and the benchmark's backlog section.
 */
public final class BacklogWorkload {
    public static final int WARNING = 5;
    public static final int CRITICAL = 10;
    public static final long WINDOW_MS = 60_000;
    public static final String RULE_ID = "backlog-runs";
    public static final String RULE = """
            rules:
              - id: %s
                filter: event.kind == "hit"
                group_by: [group]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: %d}
                  critical: {above: %d}
            """.formatted(RULE_ID, WARNING, CRITICAL);

    /** One event: its time and its JSON. */
    public record Event(long time, String json) {
    }

    public final long t0;
    public final int minutes;
    public final List<Event> events = new ArrayList<>();
    /** Hits per group and minute (index 0 = the window starting at {@link #t0}). */
    public final Map<String, int[]> hits = new LinkedHashMap<>();

    private BacklogWorkload(long t0, int minutes) {
        this.t0 = t0;
        this.minutes = minutes;
    }

    /**
     * @param groups one in ten never breaches (but still sits at exactly WARNING at times); the others
     *               start a run in about one quiet window in five, and a run goes on with chance 0.6
     * @param total  events wanted in all: filler makes up what the groups' hits leave
     */
    public static BacklogWorkload generate(long seed, Instant start, int minutes, int groups, int total) {
        Random random = new Random(seed);
        BacklogWorkload w = new BacklogWorkload(start.toEpochMilli() / WINDOW_MS * WINDOW_MS, minutes);
        for (int g = 0; g < groups; g++) {
            String group = "g%04d".formatted(g);
            boolean breaches = g % 10 != 0;
            int[] counts = new int[minutes];
            boolean inRun = false;
            for (int m = 0; m < minutes; m++) {
                inRun = breaches && (inRun ? random.nextDouble() < 0.6 : random.nextDouble() < 0.2);
                counts[m] = inRun ? breachingCount(random) : quietCount(random);
                for (int i = 0; i < counts[m]; i++) {
                    w.add(m, random, "hit", group);
                }
            }
            w.hits.put(group, counts);
        }
        int fillerPerMinute = Math.max(0, (total - w.events.size()) / minutes);
        for (int m = 0; m < minutes; m++) {
            for (int i = 0; i < fillerPerMinute; i++) {
                w.add(m, random, "other", "filler-" + random.nextInt(100));
            }
        }
        w.events.sort(Comparator.comparingLong(Event::time));
        return w;
    }

    /** Empty (a gap in event time for this group), a few hits, or exactly at the warning threshold. */
    private static int quietCount(Random random) {
        double r = random.nextDouble();
        return r < 0.4 ? 0 : r < 0.6 ? WARNING : 1 + random.nextInt(WARNING - 1);
    }

    /** One over warning, exactly at critical (warning only), one over critical, or anywhere in between. */
    private static int breachingCount(Random random) {
        double r = random.nextDouble();
        if (r < 0.25) {
            return WARNING + 1;
        }
        if (r < 0.4) {
            return CRITICAL;
        }
        if (r < 0.6) {
            return CRITICAL + 1;
        }
        return r < 0.8 ? WARNING + 2 + random.nextInt(CRITICAL - WARNING - 2) : CRITICAL + 2 + random.nextInt(3);
    }

    private void add(int minute, Random random, String kind, String group) {
        long time = t0 + minute * WINDOW_MS + random.nextInt((int) WINDOW_MS);
        events.add(new Event(time, json(time, kind, group)));
    }

    /**
     * About 200 bytes, like a service's log event: the fields the rule reads, and others it does not
     * (derived from the time, so the random draws and thus the hits stay those of the seed).
     */
    private static String json(long time, String kind, String group) {
        int n = (int) Math.floorMod(time * 2654435761L, 1_000_000L);
        return "{\"timestamp\":" + time + ",\"kind\":\"" + kind + "\",\"group\":\"" + group + "\",\"host\":\"node-" + n % 64
                + "\",\"region\":\"eu-west-" + n % 3 + "\",\"status\":" + (500 + n % 4) + ",\"latency_ms\":" + n % 5000
                + ",\"path\":\"/api/v1/orders/" + n + "\",\"message\":\"upstream request failed: connection reset by peer\"}";
    }

    /** The alert key the engine gives a group of the rule: {@code backlog-runs|group="g0042"}. */
    public static String alertKey(String group) {
        return RULE_ID + "|group=\"" + group + "\"";
    }

    /** What the engine must emit for this backlog, judged from the hits alone. */
    public ExpectedTransitions expected() {
        ExpectedTransitions expected = new ExpectedTransitions(WARNING, CRITICAL);
        hits.forEach((group, counts) -> expected.addGroup(alertKey(group), t0, WINDOW_MS, counts));
        return expected;
    }

    /**
     * One event of another kind, three windows after the data, for every partition to carry last: the
     * stream goes on, so the watermark passes every window of the data. Without it the last windows
     * would close only after the partitions had been silent for about as long as those windows last
     * (an idle watermark follows the wall clock from the newest event, which here is an hour old).
     */
    public String trailerJson() {
        long time = t0 + (minutes + 3) * WINDOW_MS;
        return "{\"timestamp\":" + time + ",\"kind\":\"other\",\"group\":\"trailer\"}";
    }

    /**
     * Produces the events in time order with null keys, spread over the partitions by the producer,
     * then the {@link #trailerJson() trailer} to every partition.
     */
    public void produce(String bootstrap, String topic) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> sends = new ArrayList<>();
            for (Event e : events) {
                sends.add(producer.send(new ProducerRecord<>(topic, null, e.time(), null, e.json().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (Future<?> f : sends) {
                f.get(); // a lost input event would be blamed on the engine
            }
            sendTrailer(producer, topic);
        }
    }

    /** Sends the {@link #trailerJson() trailer} to every partition of {@code topic}, waiting for each. */
    public void sendTrailer(Producer<byte[], byte[]> producer, String topic) throws Exception {
        byte[] trailer = trailerJson().getBytes(StandardCharsets.UTF_8);
        for (int partition = 0; partition < producer.partitionsFor(topic).size(); partition++) {
            producer.send(new ProducerRecord<>(topic, partition, null, null, trailer)).get();
        }
    }
}
