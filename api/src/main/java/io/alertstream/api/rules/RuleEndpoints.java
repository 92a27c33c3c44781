package io.alertstream.api.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.alerts.LocalAlerts;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.http.Endpoints;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/rules}: the running rule set and the rules directories' last validation problems,
 * from the global stores of {@link RuleViews}, so any instance answers alone:
 * {@code {"rules":[{"id","version","rule":object}], "problems":[{"file","line","column","message"}]}}.
 * Rules are sorted by id; {@code version} is the first 16 hex digits of the SHA-256 of the compiled
 * rule's JSON, so it changes exactly when the rule does and is the same on every instance and restart.
 *
 * <p>Every authenticated caller sees every rule, admin or not: rules define what the alerts a user
 * sees mean, and hold no secrets (receivers' addresses live in the routing file, which is not shown).
 */
public final class RuleEndpoints implements Endpoints {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEndpoints.class);
    private final StreamsAccess access;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public RuleEndpoints(StreamsAccess access, Authenticator authenticator, ObjectMapper json) {
        this.access = access;
        this.authenticator = authenticator;
        this.json = json;
    }

    /** One running rule. */
    public record RuleView(String id, String version, JsonNode rule) {
    }

    /** One validation problem of a rule file ({@code file:line:column: message}). */
    public record ProblemView(String file, int line, int column, String message) {
    }

    /** The answer. */
    public record RulesAnswer(List<RuleView> rules, List<ProblemView> problems) {
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/v1/rules", this::rules);
    }

    void rules(Context ctx) {
        authenticator.authenticate(ctx);
        KafkaStreams streams = access.globalStores();
        List<RuleView> rules = new ArrayList<>();
        List<ProblemView> problems = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, String> ruleStore = streams.store(
                    StoreQueryParameters.fromNameAndType(ApiStores.RULES, QueryableStoreTypes.keyValueStore()));
            try (var it = ruleStore.all()) {
                it.forEachRemaining(kv -> rules.add(new RuleView(kv.key, version(kv.value), parse(kv.key, kv.value))));
            }
            ReadOnlyKeyValueStore<String, String> problemStore = streams.store(
                    StoreQueryParameters.fromNameAndType(ApiStores.RULE_PROBLEMS, QueryableStoreTypes.keyValueStore()));
            try (var it = problemStore.all()) {
                it.forEachRemaining(kv -> problems.addAll(problems(kv.key, kv.value)));
            }
        } catch (InvalidStateStoreException e) {
            throw LocalAlerts.rebalancing("the rule stores are loading (" + e.getMessage() + ")");
        }
        rules.sort(java.util.Comparator.comparing(RuleView::id));
        ctx.json(new RulesAnswer(rules, problems));
    }

    private JsonNode parse(String id, String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            LOG.warn("Rule {} on the rules topic is not JSON; shown as text", id);
            return json.getNodeFactory().textNode(text);
        }
    }

    private List<ProblemView> problems(String publisher, String text) {
        try {
            return json.readValue(text, new TypeReference<List<ProblemView>>() { });
        } catch (IOException e) {
            LOG.warn("The rule problems of {} are not a JSON list of problems; skipped", publisher);
            return List.of();
        }
    }

    static String version(String ruleJson) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(ruleJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
