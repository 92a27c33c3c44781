package io.alertstream.topology.cli;

import io.alertstream.topology.ops.OpsHttpConfig;
import io.alertstream.topology.ops.OpsHttpServer;
import io.alertstream.topology.ops.OpsMetrics;
import io.alertstream.topology.ops.StreamsHealth;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.RuleDirectoryWatcher;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.StateSlots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alertstream run}: the topology against an existing cluster, until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run alertstream against an existing Kafka cluster. Instances with the same application id share the partitions.",
                "Kafka/Streams properties (TLS, SASL, ...) come from --config FILE or ALERTSTREAM_KAFKA_<KEY> environment variables."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, HOST:PORT[,...]")
    String bootstrap;

    @Option(names = "--rules", description = "Rules directory to publish and watch (hot reload). Without it, the rules already on the topic are used.")
    Path rules;

    @Option(names = "--config", description = "Properties file with Kafka, Streams and alertstream.* settings")
    Path config;

    @Option(names = "--application-id", description = "Kafka Streams application id (default: alertstream)")
    String applicationId;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions for topics this command creates (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", description = "Replication factor for topics this command creates (default: ${DEFAULT-VALUE})")
    short replication;

    @Option(names = "--state-dir", description = {"Where this instance keeps its state stores (state.dir).",
            "Default: a free slot .alertstream/state/slot-N, so several instances on one host need no option and a restarted one finds its state."})
    Path stateDir;

    @Option(names = "--standby-replicas", description = "Standby replicas of each state store (num.standby.replicas)")
    Integer standbys;

    @Option(names = "--http-port", paramLabel = "PORT|off", description = {"Port of /metrics, /health/live and /health/ready "
            + "(alertstream.http.port; default 9464 or the next free one, 0 picks any free port, off serves nothing).",
            "Bound to alertstream.http.host, 127.0.0.1 unless configured."})
    String httpPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Longer than {@link AlertStreamsApp#close()} gives Kafka Streams (30 s), so the hook never cuts it short. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(40);

    @Override
    public Integer call() throws Exception {
        Properties flags = new Properties();
        flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (applicationId != null) {
            flags.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        }
        if (standbys != null) {
            flags.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbys.toString());
        }
        if (stateDir != null) {
            flags.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        }
        if (httpPort != null) {
            flags.put(OpsHttpConfig.PORT_CONFIG, httpPort);
        }
        Properties props = AppConfig.load(config, System.getenv(), flags);
        OpsHttpConfig http;
        try {
            http = OpsHttpConfig.from(props);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("alertstream: " + e.getMessage());
            return 1;
        }
        StateSlots.Slot slot;
        try {
            slot = StateSlots.forProperties(props);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("alertstream: " + e.getMessage());
            return 1;
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, slot.dir().toAbsolutePath().toString());
        // The close below leaves the group, finishes the open transaction and flushes the stores before the JVM exits.
        StopSignal stop = StopSignal.install("alertstream-shutdown", CLOSE_WAIT);
        try (AlertStreamsApp app = AlertStreamsApp.launch(props, partitions, replication);
             OpsMetrics metrics = OpsMetrics.forStreams(OpsMetrics.applicationId(props), app.streams()).addInputLag(app::inputLag);
             OpsHttpServer server = !http.enabled() ? null : OpsHttpServer.start(http, metrics::scrape,
                     new StreamsHealth(app.streams()::state, app::inputLag, http.readyMaxLag()));
             RulePublisher publisher = rules == null ? null : RulePublisher.forConfig(props, app.config());
             RuleDirectoryWatcher watcher = rules == null ? null
                     : new RuleDirectoryWatcher(rules, publisher, p -> spec.commandLine().getErr().println(p)).start()) {
            app.awaitRunning(Duration.ofSeconds(60));
            spec.commandLine().getOut().printf("alertstream running: application.id=%s bootstrap=%s state=%s metrics=%s log=%s%n",
                    props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), bootstrap, slot.dir(),
                    server == null ? "off" : server.baseUrl() + "/metrics", LogSetup.logFile());
            spec.commandLine().getOut().flush();
            stop.await();
        } finally {
            stop.close();
            slot.close();
        }
        return 0;
    }
}
