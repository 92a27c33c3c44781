package io.alertstream.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.alerts.AckEndpoints;
import io.alertstream.api.alerts.AckWriter;
import io.alertstream.api.alerts.AlertEndpoints;
import io.alertstream.api.alerts.Peers;
import io.alertstream.api.alerts.Visibility;
import io.alertstream.api.history.HistoryArchives;
import io.alertstream.api.history.HistorySettings;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.rules.RuleEndpoints;
import io.alertstream.api.targets.TargetDirectory;
import io.alertstream.api.targets.TargetEndpoints;
import io.alertstream.api.targets.TargetStatsEndpoints;
import io.alertstream.api.targets.TargetWriter;
import io.alertstream.api.auth.AccountDirectory;
import io.alertstream.api.auth.AccountEndpoints;
import io.alertstream.api.auth.AccountWriter;
import io.alertstream.api.auth.LoginTokens;
import io.alertstream.api.auth.Passwords;
import io.alertstream.api.auth.TokenAuthenticator;
import io.alertstream.api.auth.TokenEndpoints;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.MetricsEndpoint;
import io.alertstream.api.http.OpenApiEndpoint;
import io.alertstream.api.http.RateLimits;
import io.alertstream.api.http.ServerHardening;
import io.alertstream.api.ingest.EventSender;
import io.alertstream.api.ingest.IngestEndpoints;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.ops.OpsMetrics;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import io.alertstream.topology.runtime.StateSlots;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code alertstream api} instance: the HTTP server, then the API's Kafka Streams
 * application (its stores), told the server's URL ({@code application.server}) so that other instances
 * can forward a query for a key that lives here. Instances with the same
 * {@link ApiConfig#APPLICATION_ID_CONFIG} share the alert partitions; each holds every account.
 */
public final class ApiApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiApp.class);
    private final ApiServer server;
    private final KafkaStreams streams;
    private final StateSlots.Slot slot;
    private final String url;
    private final List<AutoCloseable> resources;

    private ApiApp(ApiServer server, KafkaStreams streams, StateSlots.Slot slot, String url, List<AutoCloseable> resources) {
        this.server = server;
        this.streams = streams;
        this.slot = slot;
        this.url = url;
        this.resources = resources;
    }

    /** Starts the server and the Streams application; waits up to {@code timeout} for it to run (it keeps trying after). */
    public static ApiApp start(Properties all, Duration timeout) throws Exception {
        return start(all, timeout, null);
    }

    /**
     * As {@link #start(Properties, Duration)}; the alert and rule queries authenticate with {@code queryAuth}
     * instead of the accounts when it is not null (tests of the query routing use it; accounts are tested apart).
     */
    public static ApiApp start(Properties all, Duration timeout, Authenticator queryAuth) throws Exception {
        ApiConfig config = new ApiConfig(all);
        ApiTopics topics = ApiTopics.from(config);
        // The API reads the engine's alerts, rules and rule problems and writes its events: a source topic missing
        // at start stops a Streams application, and the API may well start before the first `run`. Missing engine
        // topics are created as `run` creates them; the users and tokens topics (global stores) are the API's own.
        TopicProvisioner.provision(config.all(), AlertTopologyConfig.from(config.all()), config.topicPartitions(), config.topicReplication());
        Optional<Short> replication = config.topicReplication() < 0 ? Optional.empty() : Optional.of(config.topicReplication());
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        TopicProvisioner.ensure(config.all(), List.of(
                new NewTopic(topics.users(), Optional.of(1), replication).configs(compacted),
                new NewTopic(topics.tokens(), Optional.of(1), replication).configs(compacted)));
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        StreamsAccess access = new StreamsAccess();
        Clock clock = Clock.systemUTC();
        List<AutoCloseable> resources = new ArrayList<>();
        AccountDirectory directory = new AccountDirectory(access);
        AccountWriter writer = new AccountWriter(config.all(), topics, config.ingestTimeout());
        resources.add(writer);
        EventSender sender = new EventSender(config.all(), topics.events(), config.ingestTimeout());
        resources.add(sender);
        RateLimits limits = new RateLimits(config.rateLimitPerSecond(), config.rateLimitBurst());
        LoginTokens logins = new LoginTokens(config.jwtSecret(), config.jwtTtl(), clock);
        TokenAuthenticator auth = new TokenAuthenticator(logins, directory, Set.copyOf(config.adminUsers()), limits);
        List<Endpoints> endpoints = new ArrayList<>();
        endpoints.add(new OpenApiEndpoint());
        OpsMetrics metrics = OpsMetrics.create(config.applicationId());
        resources.add(metrics);
        endpoints.add(new MetricsEndpoint(metrics, config.metricsToken()));
        endpoints.add(new AccountEndpoints(json, directory, writer, new Passwords(config.bcryptCost()), logins, auth, limits, clock));
        endpoints.add(new TokenEndpoints(json, directory, writer, auth, clock));
        endpoints.add(new IngestEndpoints(auth, sender, AlertTopologyConfig.from(config.all()), config.ingestMaxItems(),
                config.ingestMaxBytes(), clock));
        Authenticator queries = queryAuth == null ? auth : queryAuth;
        Peers peers = new Peers(config.peerTimeout());
        RoutingCatalog routing = new RoutingCatalog();
        HistorySettings history = new HistorySettings(config.historyMaxResults(), config.historyRetention(),
                HistoryArchives.from(config, json), clock);
        io.alertstream.topology.silence.FiringAlerts firing = new io.alertstream.topology.silence.FiringAlerts(routing);
        io.alertstream.topology.silence.SilenceCatalog silences = new io.alertstream.topology.silence.SilenceCatalog(firing);
        // Before the alert routes: GET /v1/alerts/flapping is a fixed path beside GET /v1/alerts/{key}.
        endpoints.add(new io.alertstream.api.notifications.NotificationEndpoints(access, queries, peers, json, new Visibility(routing)));
        endpoints.add(new AlertEndpoints(access, queries, peers, json, new Visibility(routing), history, silences));
        AckWriter ackWriter = new AckWriter(config.all(), topics.acks(), config.ingestTimeout());
        resources.add(ackWriter);
        endpoints.add(new AckEndpoints(access, queries, peers, json, new Visibility(routing), ackWriter, clock));
        io.alertstream.api.silences.SilenceWriter silenceWriter = new io.alertstream.api.silences.SilenceWriter(config.all(),
                topics.silences(), config.ingestTimeout());
        resources.add(silenceWriter);
        endpoints.add(new io.alertstream.api.silences.SilenceEndpoints(queries, access, silences, silenceWriter, json, clock));
        endpoints.add(new RuleEndpoints(access, queries, json));
        TargetDirectory targets = new TargetDirectory(access);
        TargetWriter targetWriter = new TargetWriter(config.all(), topics.targets(), config.ingestTimeout());
        resources.add(targetWriter);
        endpoints.add(new TargetEndpoints(queries, targets, targetWriter, json, clock));
        endpoints.add(new TargetStatsEndpoints(access, queries, targets, peers, json, config.historyMaxResults()));
        // The web console: pages for people, each a client of the routes above with the signed-in user's token.
        io.alertstream.api.console.ApiCalls consoleApi = new io.alertstream.api.console.ApiCalls(json, config.peerTimeout().plus(config.ingestTimeout()));
        endpoints.add(new io.alertstream.api.console.ConsoleEndpoints(consoleApi, clock, limits, routing,
                config.consoleEventsLink()));
        ServerHardening hardening = new ServerHardening(config);
        ApiServer server = ApiServer.start(config, json, endpoints, hardening);
        String url = config.advertisedUrl().isEmpty()
                ? (hardening.tls() ? "https://" : "http://") + config.host() + ":" + server.port() : config.advertisedUrl();
        URI advertised = URI.create(url);
        peers.self(advertised);
        consoleApi.self(advertised);
        StateSlots.Slot slot = config.stateDir().isEmpty() ? StateSlots.acquire(Path.of(".alertstream", "api-state"))
                : StateSlots.lockChosen(Path.of(config.stateDir()));
        Properties sp = config.all();
        sp.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        sp.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.getHost() + ":" + advertised.getPort());
        sp.put(StreamsConfig.STATE_DIR_CONFIG, slot.dir().toAbsolutePath().toString());
        // One unreadable record on the users or tokens topic must not stop the global thread (and with it every login).
        sp.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        // The updaters skip what they cannot read themselves; should one still throw on a record (the API only reads
        // the engine's topics, so it has no dead-letter topic of its own), log and go on, global stores included.
        sp.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class.getName());
        sp.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        KafkaStreams streams = new KafkaStreams(ApiTopology.build(topics, config.historyRetention(), routing, silences, firing), sp);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("API Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        metrics.addStreams(streams);
        streams.start();
        access.set(streams);
        sender.warmUp(timeout);
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("API Kafka Streams not RUNNING after {} (state {}); it keeps trying", timeout, streams.state());
        }
        return new ApiApp(server, streams, slot, url, resources);
    }

    /** The HTTP server (its routes, for tests). */
    public ApiServer server() {
        return server;
    }

    /** The base URL of this instance, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return url;
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        server.close();
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("While closing {}", r, e);
            }
        }
        slot.close();
    }
}
