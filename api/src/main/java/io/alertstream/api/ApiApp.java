package io.alertstream.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.alerts.AlertEndpoints;
import io.alertstream.api.alerts.Peers;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.ProblemException;
import io.alertstream.api.rules.RuleEndpoints;
import io.alertstream.topology.runtime.StateSlots;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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

    /**
     * Who a request comes from until the accounts are in: nobody (every request 401). The accounts
     * and tokens work replaces it.
     */
    static final Authenticator NO_ACCOUNTS_YET = ctx -> {
        throw ProblemException.unauthorized("accounts are not available in this version of the API");
    };

    /** Starts the server and the Streams application; waits up to {@code timeout} for it to run (it keeps trying after). */
    public static ApiApp start(Properties all, Duration timeout) throws Exception {
        return start(all, timeout, NO_ACCOUNTS_YET);
    }

    /** As {@link #start(Properties, Duration)}, with requests authenticated by {@code authenticator}. */
    public static ApiApp start(Properties all, Duration timeout, Authenticator authenticator) throws Exception {
        ApiConfig config = new ApiConfig(all);
        ApiTopics topics = ApiTopics.from(config);
        // The rules and rule-problems topics feed global stores, which will not start without them; a
        // cluster provisioned by an older engine has no rule-problems topic. Created as the engine does.
        TopicProvisioner.ensure(config.all(), List.of(compacted(topics.rules()), compacted(topics.ruleProblems())));
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        StreamsAccess access = new StreamsAccess();
        List<AutoCloseable> resources = new ArrayList<>();
        List<Endpoints> endpoints = new ArrayList<>();
        Peers peers = new Peers(config.peerTimeout());
        endpoints.add(new AlertEndpoints(access, authenticator, peers, json, config.historyMaxResults()));
        endpoints.add(new RuleEndpoints(access, authenticator, json));
        ApiServer server = ApiServer.start(config, json, endpoints, c -> { });
        String url = config.advertisedUrl().isEmpty() ? "http://" + config.host() + ":" + server.port() : config.advertisedUrl();
        URI advertised = URI.create(url);
        peers.self(advertised);
        StateSlots.Slot slot = config.stateDir().isEmpty() ? StateSlots.acquire(Path.of(".alertstream", "api-state"))
                : StateSlots.lockChosen(Path.of(config.stateDir()));
        Properties sp = config.all();
        sp.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        sp.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.getHost() + ":" + advertised.getPort());
        sp.put(StreamsConfig.STATE_DIR_CONFIG, slot.dir().toAbsolutePath().toString());
        KafkaStreams streams = new KafkaStreams(ApiTopology.build(topics, config.historyRetention()), sp);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("API Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        access.set(streams);
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("API Kafka Streams not RUNNING after {} (state {}); it keeps trying", timeout, streams.state());
        }
        return new ApiApp(server, streams, slot, url, resources);
    }

    private static NewTopic compacted(String name) {
        return new NewTopic(name, Optional.of(1), Optional.empty()).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
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
