package io.alertstream.topology.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alertstream produce}: JSON events, one object per line, from a file or stdin to an input topic,
 * so trying alertstream needs nothing but this project. A line that is not a JSON object is reported with
 * its line number and skipped; the others are sent with an idempotent producer ({@code acks=all}), and
 * the command returns only once the broker has acknowledged every one of them.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Send JSON events (one object per line) from FILE or stdin to an input topic.",
                "Example: echo '{\"service\":\"checkout\",\"status\":503}' | alertstream produce --bootstrap-servers 127.0.0.1:9092"})
public final class ProduceCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClientOptions client;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "JSON lines file (default: stdin)")
    Path file;

    @Option(names = "--topic", description = "Topic to send to (default: the first of alertstream.topic.events, i.e. events)")
    String topic;

    @Option(names = "--key-field", description = "Use this top-level field's value as the record key (default: no key)")
    String keyField;

    @Option(names = "--rate", description = "At most this many events per second (default: as fast as possible)")
    Double rate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String to = topic != null ? topic : client.topics().inputTopics().get(0);
        Properties p = client.client(ProducerConfig.configNames());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        int sent = 0;
        int skipped = 0;
        long started = System.nanoTime();
        try (BufferedReader in = file == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(file, StandardCharsets.UTF_8);
             KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String key;
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node == null || !node.isObject()) {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                    JsonNode k = keyField == null ? null : node.get(keyField);
                    key = k == null || k.isNull() ? null : k.isTextual() ? k.asText() : k.toString();
                } catch (Exception e) {
                    skipped++;
                    err.printf("%s:%d: skipped, %s%n", file == null ? "stdin" : file, lineNo, firstLine(e.getMessage()));
                    continue;
                }
                pace(sent, started);
                producer.send(new ProducerRecord<>(to, key, line), (meta, e) -> {
                    if (e != null && failed.getAndIncrement() == 0) {
                        firstFailure.set(e.toString());
                    }
                });
                sent++;
            }
            producer.flush();
        }
        int delivered = sent - failed.get();
        out.printf("sent %d event(s) to %s%s%s%n", delivered, to, skipped > 0 ? ", skipped " + skipped + " line(s)" : "",
                failed.get() > 0 ? ", " + failed.get() + " failed (first: " + firstFailure.get() + ")" : "");
        out.flush();
        return failed.get() > 0 || skipped > 0 ? 1 : 0;
    }

    private void pace(int sent, long startedNanos) throws InterruptedException {
        if (rate == null || rate <= 0) {
            return;
        }
        long dueNanos = startedNanos + (long) (sent * 1e9 / rate);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            // --rate is a promise to the broker and the application under test: hold the next send back.
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "not valid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
