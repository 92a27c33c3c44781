package io.alertstream.topology.cli;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.sourcefile.Durations;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code alertstream tail alerts|notifications|digests|counters|dlq}: follow one of alertstream's output
 * topics, one readable line per record ({@code --json} for the records as they are). Reads committed
 * records only, as a consumer of exactly-once output must, without a consumer group (nothing to clean up).
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Follow an alertstream topic: one readable line per record, until Ctrl-C (or --max / --for).",
                "Topic names come from --config (alertstream.topic.*), so a renamed deployment needs no flags."})
public final class TailCommand implements Callable<Integer> {

    /** What to follow. */
    enum What { alerts, notifications, digests, counters, dlq }

    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "WHAT", description = "One of: ${COMPLETION-CANDIDATES}")
    What what;

    @Option(names = "--from-beginning", description = "Start at the oldest record (default: only new records)")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print each record's value as it is")
    boolean json;

    @Option(names = "--max", description = "Stop after this many records")
    Integer max;

    @Option(names = "--for", description = "Stop after this long, e.g. 30s or 5m (default: until Ctrl-C)")
    String forDuration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AlertTopologyConfig topics = client.topics();
        String topic = switch (what) {
            case alerts -> topics.alertsTopic();
            case notifications -> topics.notifications().notificationsTopic();
            case digests -> topics.digest().digestTopic();
            case counters -> topics.countersTopic();
            case dlq -> topics.deadLetterTopic();
        };
        TailFormat format = TailFormat.valueOf(what.name().toUpperCase(Locale.ROOT));
        Properties p = client.client(ConsumerConfig.configNames());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        PrintWriter out = spec.commandLine().getOut();
        long deadline = forDuration == null ? Long.MAX_VALUE : System.nanoTime() + forDuration(forDuration).toNanos();
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                consumer.wakeup();
                try {
                    main.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "alertstream-tail-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                spec.commandLine().getErr().printf("topic %s does not exist (yet): start `alertstream run` or `rules apply` first%n", topic);
                return 1;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
            }
            out.printf("tailing %s (%s)%n", topic, fromBeginning ? "from the beginning" : "new records");
            out.flush();
            try {
                while ((max == null || printed < max) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        out.println(json ? (r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)) : format.format(r));
                        printed++;
                        if (max != null && printed >= max) {
                            break;
                        }
                    }
                    out.flush();
                }
            } catch (WakeupException e) {
                // Ctrl-C: stop quietly.
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        out.flush();
        return 0;
    }

    private static Duration forDuration(String text) {
        Duration d = Durations.parse(text);
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("--for takes a duration such as 500ms, 30s, 5m or 1h, not '" + text + "'");
        }
        return d;
    }
}
