package io.alertstream.api.cli;

import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiConfig;
import io.alertstream.topology.cli.LogSetup;
import io.alertstream.topology.runtime.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import io.alertstream.topology.cli.StopSignal;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alertstream api}: the HTTP API against an existing cluster, until Ctrl-C. */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = {"Run the HTTP API (accounts, tokens, event ingest, alerts) against an existing Kafka cluster.",
                "Instances with the same alertstream.api.application.id share the work; any instance answers any request.",
                "Settings come from --config FILE or ALERTSTREAM_* environment variables, like `run`."})
public final class ApiCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, HOST:PORT[,...]")
    String bootstrap;

    @Option(names = "--config", description = "Properties file with Kafka, alertstream.* and alertstream.api.* settings")
    Path config;

    @Option(names = "--port", description = "HTTP port (alertstream.api.port, default 8080; 0 picks a free one)")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (alertstream.api.host, default 127.0.0.1)")
    String host;

    @Option(names = "--partitions", description = "Partitions of engine topics this command creates when missing (alertstream.api.topic.partitions, default 4)")
    Integer partitions;

    @Option(names = "--replication-factor", description = "Replication factor of topics this command creates (alertstream.api.topic.replication.factor, default 1)")
    Short replication;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Longer than ApiApp's close: the requests in progress (ingest timeout + 5 s by default) then Streams (30 s). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    @Override
    public Integer call() throws Exception {
        Properties flags = new Properties();
        flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (port != null) {
            flags.put(ApiConfig.PORT_CONFIG, port.toString());
        }
        if (partitions != null) {
            flags.put(ApiConfig.TOPIC_PARTITIONS_CONFIG, partitions.toString());
        }
        if (replication != null) {
            flags.put(ApiConfig.TOPIC_REPLICATION_CONFIG, replication.toString());
        }
        if (host != null) {
            flags.put(ApiConfig.HOST_CONFIG, host);
        }
        Properties props = AppConfig.load(config, System.getenv(), flags);
        // The close below answers the requests in progress and leaves the group before the JVM exits.
        StopSignal stop = StopSignal.install("alertstream-api-shutdown", CLOSE_WAIT);
        try (ApiApp app = ApiApp.start(props, Duration.ofSeconds(60))) {
            spec.commandLine().getOut().printf("alertstream api ready: url=%s bootstrap=%s console=%s/ metrics=%s/metrics log=%s%n", app.url(),
                    bootstrap, app.url(), app.url(), LogSetup.logFile());
            spec.commandLine().getOut().flush();
            stop.await();
        } finally {
            stop.close();
        }
        return 0;
    }
}
