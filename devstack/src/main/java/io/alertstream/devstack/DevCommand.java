package io.alertstream.devstack;

import io.alertstream.api.ApiApp;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.cli.LogSetup;
import io.alertstream.topology.ops.OpsHttpConfig;
import io.alertstream.topology.ops.OpsHttpServer;
import io.alertstream.topology.ops.OpsMetrics;
import io.alertstream.topology.ops.StreamsHealth;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.RuleDirectoryWatcher;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alertstream dev}: the whole thing on this machine, started by one command. An embedded KRaft
 * broker (data under {@code --data}, so a restart resumes), the topics, the rules from {@code --rules}
 * published and watched, the topology, demo traffic, and unless skipped a Connect worker with
 * Elasticsearch, Redis, a local mail catcher, alertstream's sink connectors and the uptime probe source
 * checking two demo targets on a local HTTP server ({@link DemoUptime}); then every alert
 * transition, alarm digest and delivered email, one line each, until Ctrl-C stops everything in reverse order.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run alertstream on an embedded broker with demo traffic, printing alert transitions, digests and mails. Ctrl-C stops.")
public final class DevCommand implements Callable<Integer> {
    @Option(names = "--rules", defaultValue = "rules", description = "Rules directory to publish and watch (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--data", defaultValue = ".alertstream", description = "Where broker and state data live (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the topics created (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--no-demo", description = "Do not produce demo traffic")
    boolean noDemo;

    @Option(names = "--broker-only", description = "Start only the embedded broker, for several `alertstream run` processes to share")
    boolean brokerOnly;

    @Option(names = "--no-elasticsearch", description = "Do not start Elasticsearch nor the connectors mirroring events and alerts into it")
    boolean noElasticsearch;

    @Option(names = "--no-redis", description = "Do not start Redis nor the connector mirroring counters into it")
    boolean noRedis;

    @Option(names = "--no-mail", description = "Do not start the local mail catcher nor the email sink delivering notifications to it")
    boolean noMail;

    @Option(names = "--api-port", defaultValue = "8080", description = "Port of the HTTP API on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int apiPort;

    @Option(names = "--no-api", description = "Do not start the HTTP API")
    boolean noApi;

    @Option(names = "--smtp-port", defaultValue = "2525", description = "Port of the local mail catcher on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int smtpPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Deque<AutoCloseable> running = new ArrayDeque<>();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "alertstream-dev-shutdown"));
        if (!brokerOnly && !Files.isDirectory(rules)) {
            spec.commandLine().getErr().printf("alertstream: no rules directory at %s; give --rules DIR (the repository's rules/ is an example)%n",
                    rules.toAbsolutePath());
            return 2;
        }
        try {
            Files.createDirectories(data);
            SinkStack sinks = new SinkStack();
            boolean withSinks = !brokerOnly && (!noElasticsearch || !noRedis || !noMail);
            if (withSinks && !noElasticsearch) {
                sinks.startElasticsearch(data.resolve("elasticsearch").toAbsolutePath());
            }
            EmbeddedKafka.Builder broker = EmbeddedKafka.builder().dataDir(data.resolve("kafka").toAbsolutePath());
            if (kafkaPort != 0) {
                broker.port(kafkaPort);
            }
            EmbeddedKafka kafka = broker.start();
            running.push(kafka);
            String bootstrap = kafka.bootstrapServers();
            Properties props = AppConfig.load(null, System.getenv(), devProperties(bootstrap));
            AlertTopologyConfig config = AlertTopologyConfig.from(props);
            TopicProvisioner.provision(props, config, partitions, (short) 1);
            if (brokerOnly) {
                out.printf("alertstream dev ready (broker only): bootstrap=%s data=%s log=%s%n", bootstrap, data, LogSetup.logFile());
            } else {
                running.push(TopicPrinter.alerts(bootstrap, config.alertsTopic(), out).start());
                running.push(TopicPrinter.digests(bootstrap, config.digest().digestTopic(), out).start());
                AlertStreamsApp app = AlertStreamsApp.start(props, partitions, (short) 1, Duration.ofSeconds(60));
                running.push(app);
                // The engine's /metrics and /health/* as `run` serves them (127.0.0.1:9464 or the next free port).
                OpsMetrics metrics = OpsMetrics.forStreams(OpsMetrics.applicationId(props), app.streams()).addInputLag(app::inputLag);
                running.push(metrics);
                OpsHttpConfig http = OpsHttpConfig.from(props);
                OpsHttpServer ops = !http.enabled() ? null : OpsHttpServer.start(http, metrics::scrape,
                        new StreamsHealth(app.streams()::state, app::inputLag, http.readyMaxLag()));
                if (ops != null) {
                    running.push(ops);
                }
                RulePublisher publisher = RulePublisher.forConfig(props, config);
                running.push(publisher);
                running.push(new RuleDirectoryWatcher(rules, publisher, p -> {
                    out.println("rule problem: " + p);
                    out.flush();
                }).start());
                String api = "off";
                if (!noApi) {
                    ApiApp apiApp = ApiApp.start(DevApi.properties(props, data, apiPort), Duration.ofSeconds(60));
                    running.push(apiApp);
                    api = apiApp.url();
                }
                if (!noDemo) {
                    running.push(new DemoTraffic(bootstrap, config.inputTopics().get(0)).start());
                    // Targets are published even when no Connect worker runs: they are data, and a later
                    // `dev` with the sinks, or a `connect` of the user's, checks them.
                    running.push(DemoUptime.start(bootstrap, config.targetsTopic(), data));
                }
                out.printf("alertstream dev ready: bootstrap=%s api=%s console=%s metrics=%s rules=%s topics=%s,%s,%s,%s,%s partitions=%d demo=%s log=%s%n",
                        bootstrap, api, noApi ? "off" : api + "/", ops == null ? "off" : ops.baseUrl() + "/metrics", rules, String.join(",", config.inputTopics()),
                        config.rulesTopic(), config.alertsTopic(),
                        config.countersTopic(), config.deadLetterTopic(), partitions, noDemo ? "off" : "on", LogSetup.logFile());
                out.println("alert transitions follow (Ctrl-C stops):");
                out.flush();
                if (withSinks) {
                    running.push(sinks);
                    if (!noMail) {
                        sinks.startMailCatcher(smtpPort, out);
                    }
                    sinks.startConnectors(bootstrap, config, !noRedis);
                    out.printf("alertstream dev sinks ready:%s%n", sinks.describe());
                }
            }
            out.flush();
            stop.await();
            return 0;
        } finally {
            while (!running.isEmpty()) {
                try {
                    running.pop().close();
                } catch (Exception e) {
                    spec.commandLine().getErr().println("while stopping: " + e);
                }
            }
            out.println("alertstream dev stopped");
            out.flush();
            stopped.countDown();
        }
    }

    private Properties devProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alertstream-dev");
        p.put(StreamsConfig.STATE_DIR_CONFIG, data.resolve("state").toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        // The probe connector's check results are events too: the shipped rules/uptime.yaml alerts on them.
        p.put("alertstream.topic.events", "events,probes");
        // A short idle timeout so that demo alerts resolve soon after traffic stops.
        p.putIfAbsent("alertstream.idle.timeout", "10s");
        return p;
    }
}
