package io.alertstream.topology.cli;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.deadletter.DeadLetterReplay;
import io.alertstream.topology.deadletter.DeadLetterView;
import io.alertstream.topology.runtime.AppConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alertstream dead-letters list|replay}: see why input was refused, and send it again after a fix. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "List the records on a dead-letter topic with their reasons, or replay them to their source topic after a fix.",
        subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class})
public final class DeadLettersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options both subcommands take. */
    static class Common {
        @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
        String bootstrap;

        @Option(names = "--config", description = "Properties file with Kafka client settings (TLS, SASL) and alertstream.topic.*")
        Path config;

        @Option(names = "--topic", description = "Dead-letter topic (default: alertstream.topic.dead-letter, i.e. events.dlq)")
        String topic;

        @Option(names = "--reason", description = "Only records with this reason (alertstream.error.type, or Connect's exception class)")
        String reason;

        @Option(names = "--group", description = {"Consumer group that remembers how far replays got",
                "(default: alertstream-dead-letter-replay.<topic>, plus .<reason> with --reason, so replaying one reason never skips records of another)"})
        String group;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        DeadLetterReplay.Summary run(DeadLetterReplay.Mode mode, String target) throws Exception {
            Properties flags = new Properties();
            flags.put("bootstrap.servers", bootstrap);
            Properties props = AppConfig.load(config, System.getenv(), flags);
            String dlq = topic != null ? topic : AlertTopologyConfig.from(props).deadLetterTopic();
            Predicate<DeadLetterView> filter = v -> reason == null || reason.equals(v.reason());
            PrintWriter out = spec.commandLine().getOut();
            String replayGroup = group != null ? group : "alertstream-dead-letter-replay." + dlq + (reason == null ? "" : "." + reason);
            DeadLetterReplay.Summary summary = new DeadLetterReplay(props, dlq, replayGroup).run(mode, filter, target, v -> print(out, v));
            out.printf("%s: %d read, %d matched %s%s%n", dlq, summary.read(), summary.matched(), summary.byReason(),
                    mode == DeadLetterReplay.Mode.REPLAY
                            ? ", " + summary.replayed() + " replayed, " + summary.skipped() + " skipped (value dropped for size or origin unknown)"
                            : "");
            out.flush();
            return summary;
        }

        private static void print(PrintWriter out, DeadLetterView v) {
            out.printf("%d@%d  %s  from %s%s  %s%n", v.record().partition(), v.record().offset(), v.reason(), v.origin(),
                    v.replayable() ? "" : " (value dropped for size)", TailFormat.preview(v.message(), 160));
            out.printf("    value: %s%n", TailFormat.preview(v.record().value() == null ? "null"
                    : new String(v.record().value(), StandardCharsets.UTF_8), 200));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every record on the dead-letter topic (or those with --reason): partition@offset, reason, origin, message and value. Changes nothing.")
    static final class ListLetters extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            run(DeadLetterReplay.Mode.LIST, null);
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Send the original records (key, value, own headers) back to their source topic, or --to TOPIC, once the cause is fixed.",
                    "Resumes where the last replay of --group stopped; an interrupted replay repeats at most its last uncommitted batch."})
    static final class Replay extends Common implements Callable<Integer> {
        @Option(names = "--to", description = "Send to this topic instead of each record's source topic")
        String to;

        @Override
        public Integer call() throws Exception {
            DeadLetterReplay.Summary s = run(DeadLetterReplay.Mode.REPLAY, to);
            return s.skipped() > 0 ? 2 : 0;
        }
    }
}
