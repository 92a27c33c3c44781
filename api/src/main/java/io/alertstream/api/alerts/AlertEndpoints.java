package io.alertstream.api.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.history.ArchiveUnavailableException;
import io.alertstream.api.history.HistoryArchive;
import io.alertstream.api.history.HistoryPlan;
import io.alertstream.api.history.HistorySettings;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.model.Alert;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The alert routes, answered by interactive queries on the API topology's alert stores
 * ({@link AlertViews}), wherever the partitions live:
 * <ul>
 * <li>{@code GET /v1/alerts?rule&level&owner&match*}: the firing alerts the caller may see, newest
 *     first: {@code {"alerts":[AlertView]}}. Every instance answers its own partitions (scatter-gather).</li>
 * <li>{@code GET /v1/alerts/history?from&to&rule}: transitions with {@code from <= at <= to} (ISO-8601
 *     or epoch ms; default the last 24 h up to now), oldest first, at most
 *     {@code alertstream.api.history.max.results}: {@code {"from","to","transitions":[Alert],"truncated","sources"}}.
 *     Page on by asking again from the last {@code at}. The history store is asked by scatter-gather; with an
 *     archive configured, the part of the range before the store's retention horizon is asked of the archive
 *     ({@link HistoryPlan}), merged and deduplicated by transition id; an archive that cannot answer is a 503
 *     with Retry-After, never a silently shorter answer.</li>
 * <li>{@code GET /v1/alerts/{key}}: {@code {"alertKey","current":AlertView|null,"transitions":[Alert],"acks":[Ack]}};
 *     404 when unknown, 403 when the caller may not see it. Asked of the instance where the key's
 *     partition is active (forwarded there when that is another instance).</li>
 * </ul>
 * A request from another instance carries {@link Peers#LOCAL_ONLY} and is answered from the local
 * stores only. While partitions move (rebalancing) the answer is 503 with Retry-After, never a wrong 404.
 */
public final class AlertEndpoints implements Endpoints {
    private static final Duration DEFAULT_HISTORY = Duration.ofHours(24);
    private final StreamsAccess access;
    private final Authenticator authenticator;
    private final Peers peers;
    private final ObjectMapper json;
    private final Visibility visibility;
    private final HistorySettings history;
    private final int historyMax;
    private final io.alertstream.topology.silence.SilenceCatalog silences;

    public AlertEndpoints(StreamsAccess access, Authenticator authenticator, Peers peers, ObjectMapper json, Visibility visibility,
                          HistorySettings history) {
        this(access, authenticator, peers, json, visibility, history, null);
    }

    /** @param silences the silences in force, for the views' {@code silencedBy} (null: none shown) */
    public AlertEndpoints(StreamsAccess access, Authenticator authenticator, Peers peers, ObjectMapper json, Visibility visibility,
                          HistorySettings history, io.alertstream.topology.silence.SilenceCatalog silences) {
        this.silences = silences;
        this.access = access;
        this.authenticator = authenticator;
        this.peers = peers;
        this.json = json;
        this.visibility = visibility;
        this.history = history;
        this.historyMax = history.maxResults();
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/v1/alerts", this::firing);
        config.routes.get("/v1/alerts/history", this::history);
        config.routes.get("/v1/alerts/{key}", this::byKey);
    }

    private static boolean localOnly(Context ctx) {
        return ctx.header(Peers.LOCAL_ONLY) != null;
    }

    private static String pathAndQuery(Context ctx) {
        String q = ctx.queryString();
        return ctx.path() + (q == null || q.isEmpty() ? "" : "?" + q);
    }

    void firing(Context ctx) {
        Principal caller = authenticator.authenticate(ctx);
        AlertFilter filter = AlertFilter.from(ctx);
        KafkaStreams streams = access.running();
        List<AlertView> all = new ArrayList<>();
        if (localOnly(ctx)) {
            all.addAll(new LocalAlerts(streams, visibility, silences).firing(filter, caller));
        } else {
            for (HostInfo host : hosts(streams)) {
                if (peers.isSelf(host)) {
                    all.addAll(new LocalAlerts(streams, visibility, silences).firing(filter, caller));
                } else {
                    Peers.Answer a = peers.get(host, pathAndQuery(ctx), ctx.header("Authorization"));
                    if (a.status() != 200) {
                        throw a.asProblem(json, host);
                    }
                    all.addAll(a.read(json, FiringAnswer.class, host).alerts());
                }
            }
            all.sort(LocalAlerts.NEWEST_FIRST);
        }
        ctx.json(new FiringAnswer(all));
    }

    /** {@code {"alerts":[AlertView]}} */
    public record FiringAnswer(List<AlertView> alerts) {
    }

    /** {@code {"from","to","transitions":[Alert],"truncated","sources"}}; {@code sources}: which stores answered. */
    public record HistoryAnswer(String from, String to, List<Alert> transitions, boolean truncated, List<String> sources) {
    }

    void history(Context ctx) {
        Principal caller = authenticator.authenticate(ctx);
        Instant to = ctx.queryParam("to") == null ? Instant.now() : AlertTimes.param("to", ctx.queryParam("to"));
        Instant from = ctx.queryParam("from") == null ? to.minus(DEFAULT_HISTORY) : AlertTimes.param("from", ctx.queryParam("from"));
        if (from.isAfter(to)) {
            throw ProblemException.badRequest("from=" + from + " is after to=" + to);
        }
        String rule = ctx.queryParam("rule");
        KafkaStreams streams = access.running();
        if (localOnly(ctx)) {
            // A peer's share of a scatter-gather: the asking instance has already cut the range at the horizon.
            LocalAlerts.HistoryPage page = new LocalAlerts(streams, visibility).history(from, to, rule, caller, historyMax);
            ctx.json(new HistoryAnswer(from.toString(), to.toString(), page.transitions(), page.truncated(), List.of(HistoryPlan.STORE)));
            return;
        }
        HistoryPlan plan = HistoryPlan.of(from, to, history.horizon(), history.archive().isPresent());
        Map<String, Alert> byId = new LinkedHashMap<>();
        boolean truncated = false;
        if (plan.asksArchive()) {
            // First: when the archive is down, the answer is a 503 before the instances are asked in vain.
            LocalAlerts.HistoryPage old = archived(history.archive().get(), plan, rule, caller);
            old.transitions().forEach(a -> byId.putIfAbsent(a.id(), a));
            truncated = old.truncated();
        }
        if (plan.asksStore()) {
            LocalAlerts.HistoryPage recent = stored(ctx, streams, plan.storeFrom(), to, rule, caller);
            recent.transitions().forEach(a -> byId.putIfAbsent(a.id(), a));
            truncated |= recent.truncated();
        }
        LocalAlerts.HistoryPage page = LocalAlerts.page(new ArrayList<>(byId.values()), historyMax, truncated);
        ctx.json(new HistoryAnswer(from.toString(), to.toString(), page.transitions(), page.truncated(), plan.sources()));
    }

    private LocalAlerts.HistoryPage archived(HistoryArchive archive, HistoryPlan plan, String rule, Principal caller) {
        try {
            return archive.range(plan.archiveFrom(), plan.archiveUntil(), rule, a -> visibility.canSee(caller, a), historyMax);
        } catch (ArchiveUnavailableException e) {
            throw new ProblemException(Problem.of(503, "history-archive-unavailable", "Service unavailable",
                    "This range starts before the history store's retention (" + history.retention() + ") and its older part "
                            + "lives in the archive, which cannot answer now (" + archive.describe() + "); retry shortly"),
                    Map.of("Retry-After", "5"));
        }
    }

    /** {@code from <= at <= to} from the history store of every instance (scatter-gather). */
    private LocalAlerts.HistoryPage stored(Context ctx, KafkaStreams streams, Instant from, Instant to, String rule, Principal caller) {
        List<Alert> all = new ArrayList<>();
        boolean truncated = false;
        String peerPath = "/v1/alerts/history?from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli()
                + (rule == null ? "" : "&rule=" + URLEncoder.encode(rule, StandardCharsets.UTF_8));
        for (HostInfo host : hosts(streams)) {
            if (peers.isSelf(host)) {
                LocalAlerts.HistoryPage mine = new LocalAlerts(streams, visibility).history(from, to, rule, caller, historyMax);
                all.addAll(mine.transitions());
                truncated |= mine.truncated();
            } else {
                Peers.Answer a = peers.get(host, peerPath, ctx.header("Authorization"));
                if (a.status() != 200) {
                    throw a.asProblem(json, host);
                }
                HistoryAnswer theirs = a.read(json, HistoryAnswer.class, host);
                all.addAll(theirs.transitions());
                truncated |= theirs.truncated();
            }
        }
        return LocalAlerts.page(all, historyMax, truncated);
    }

    void byKey(Context ctx) {
        Principal caller = authenticator.authenticate(ctx);
        String key = ctx.pathParam("key");
        KafkaStreams streams = access.running();
        KeyQueryMetadata where = streams.queryMetadataForKey(ApiStores.FIRING, key, Serdes.String().serializer());
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE || where.activeHost() == null
                || where.activeHost().equals(HostInfo.unavailable())) {
            throw LocalAlerts.rebalancing("the partition of alert '" + key + "' has no active instance now");
        }
        if (!peers.isSelf(where.activeHost())) {
            if (localOnly(ctx)) {
                throw LocalAlerts.rebalancing("alert '" + key + "' has moved to instance " + where.activeHost());
            }
            Peers.Answer a = peers.get(where.activeHost(), pathAndQuery(ctx), ctx.header("Authorization"));
            if (a.status() >= 500) {
                throw a.asProblem(json, where.activeHost());  // with Retry-After: the owner is moving or starting
            }
            ctx.status(a.status()).contentType(a.contentType()).result(a.body());
            return;
        }
        LocalAlerts.KeyState state = new LocalAlerts(streams, visibility).byKey(key);
        if (state.current() == null && state.transitions() == null) {
            throw ProblemException.notFound("No alert with key '" + key + "'");
        }
        Alert shown = state.current() != null ? state.current() : state.transitions().latest();
        if (!visibility.canSee(caller, shown)) {
            throw ProblemException.forbidden("Alert '" + key + "' is neither owned by nor sent to " + caller.user());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alertKey", key);
        List<io.alertstream.topology.notify.Ack> acks = AckViews.of(streams, key);
        body.put("current", state.current() == null ? null : AlertView.of(state.current(), silences, System.currentTimeMillis(), acks));
        body.put("transitions", state.transitions() == null ? List.of() : state.transitions().items());
        body.put("acks", acks);
        ctx.json(body);
    }

    /** Every instance that holds partitions of the alert stores (this one included). */
    private static List<HostInfo> hosts(KafkaStreams streams) {
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(ApiStores.FIRING)) {
            hosts.add(m.hostInfo());
        }
        if (hosts.isEmpty()) {
            throw LocalAlerts.rebalancing("no instance holds the alert stores now");
        }
        return hosts;
    }
}
