package io.alertstream.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import java.util.Properties;

/**
 * A seeded event workload whose alerts are known in advance, whatever the processing order: each
 * minute has a few "breach" groups with more than {@link #THRESHOLD} hits, a few "edge" groups with
 * exactly {@link #THRESHOLD} (must not fire), and filler events of another kind that only move event
 * time. Every group name is unique to its minute, so alerts cannot interfere with one another: each
 * breach group must produce exactly one FIRING (and later one RESOLVED), and nothing else may fire.
 * A wrongly dropped late event turns a breach group with THRESHOLD+1 hits into a missing alert.
 */
final class Workload {
    static final int THRESHOLD = 20;
    static final String RULE_ID = "workload-hits";
    static final String RULE = """
            rules:
              - id: workload-hits
                filter: event.kind == "hit"
                group_by: [group]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: %d}
            """.formatted(THRESHOLD);

    record Event(long time, String json) {
    }

    final List<Event> events = new ArrayList<>();
    final Set<String> breachGroups = new HashSet<>();

    /**
     * @param minutes        event-time span
     * @param fillerPerMinute events of another kind per minute
     */
    static Workload generate(long seed, Instant start, int minutes, int breachPerMinute, int fillerPerMinute) {
        Random random = new Random(seed);
        Workload w = new Workload();
        long t0 = start.toEpochMilli() / 60_000 * 60_000;
        for (int m = 0; m < minutes; m++) {
            long minute = t0 + m * 60_000L;
            for (int g = 0; g < breachPerMinute; g++) {
                String group = "m" + m + "-breach-" + g;
                w.breachGroups.add(group);
                int hits = THRESHOLD + 1 + (g == 0 ? 0 : random.nextInt(10)); // g0 is exactly one over
                for (int i = 0; i < hits; i++) {
                    w.add(minute + random.nextInt(60_000), "hit", group);
                }
            }
            for (int g = 0; g < 3; g++) {
                String group = "m" + m + "-edge-" + g;
                for (int i = 0; i < THRESHOLD; i++) {
                    w.add(minute + random.nextInt(60_000), "hit", group);
                }
            }
            for (int i = 0; i < fillerPerMinute; i++) {
                w.add(minute + random.nextInt(60_000), "other", "filler-" + random.nextInt(100));
            }
        }
        w.events.sort(Comparator.comparingLong(Event::time));
        return w;
    }

    private void add(long time, String kind, String group) {
        events.add(new Event(time, "{\"timestamp\":" + time + ",\"kind\":\"" + kind + "\",\"group\":\"" + group + "\"}"));
    }

    /** Produces the events in time order with null keys (spread over partitions by the producer). */
    void produce(String bootstrap, String topic) throws Exception {
        produce(bootstrap, topic, 0, events.size());
    }

    void produce(String bootstrap, String topic, int from, int to) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            Future<?> last = null;
            for (int i = from; i < to; i++) {
                last = producer.send(new ProducerRecord<>(topic, null, events.get(i).time(), null,
                        events.get(i).json().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            producer.flush();
            if (last != null) {
                last.get();
            }
        }
    }

    /** The group of an alert key of the workload rule. */
    static String groupOf(String alertKey) throws Exception {
        String groupKey = alertKey.substring(alertKey.indexOf('|') + 1);
        return (String) new ObjectMapper().readValue(groupKey.substring("group=".length()), Object.class);
    }

    static Map<String, Object> parse(String json) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper().readValue(json, Map.class);
        return m;
    }
}
