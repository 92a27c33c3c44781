package io.alertstream.api.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.alerts.AlertTimes;
import io.alertstream.api.alerts.LocalAlerts;
import io.alertstream.api.alerts.Peers;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.sourcefile.Durations;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What happened to a target, for whoever may access it (404 unknown, 403 another user's):
 * <ul>
 * <li>{@code GET /v1/targets/{id}/stats?window=24h} ({@code window} at most 24h): {@link TargetStats}, asked of
 *     the instance whose partition of {@code probes} holds the target's key (forwarded there like an alert key).</li>
 * <li>{@code GET /v1/targets/{id}/alerts?from&to} (default the last 24 h): {@code {"target","from","to",
 *     "transitions":[Alert],"truncated"}}, the alert transitions whose group has {@code target} = id, oldest first,
 *     from every instance's history store (scatter-gather). Whoever may access the target sees its alerts.</li>
 * </ul>
 * A request from another instance ({@link Peers#LOCAL_ONLY}) is answered from the local stores only.
 */
public final class TargetStatsEndpoints implements Endpoints {
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    private final StreamsAccess access;
    private final Authenticator auth;
    private final TargetDirectory directory;
    private final Peers peers;
    private final ObjectMapper json;
    private final int maxResults;

    public TargetStatsEndpoints(StreamsAccess access, Authenticator auth, TargetDirectory directory, Peers peers, ObjectMapper json,
                                int maxResults) {
        this.access = access;
        this.auth = auth;
        this.directory = directory;
        this.peers = peers;
        this.json = json;
        this.maxResults = maxResults;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/v1/targets/{id}/stats", this::stats);
        config.routes.get("/v1/targets/{id}/alerts", this::alerts);
    }

    private static boolean localOnly(Context ctx) {
        return ctx.header(Peers.LOCAL_ONLY) != null;
    }

    void stats(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        String id = TargetEndpoints.accessible(directory, caller, ctx.pathParam("id")).id();
        String windowText = ctx.queryParam("window") == null ? "24h" : ctx.queryParam("window");
        Duration window = Durations.parse(windowText);
        if (window == null || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badRequest("'window' must be a duration from 1ms to 24h such as 1h or 24h, got '" + windowText + "'");
        }
        KafkaStreams streams = access.running();
        KeyQueryMetadata where = streams.queryMetadataForKey(ApiStores.PROBE_STATS, id, Serdes.String().serializer());
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE || where.activeHost() == null
                || where.activeHost().equals(HostInfo.unavailable())) {
            throw LocalAlerts.rebalancing("the partition of target '" + id + "' has no active instance now");
        }
        if (!peers.isSelf(where.activeHost())) {
            if (localOnly(ctx)) {
                throw LocalAlerts.rebalancing("target '" + id + "' has moved to instance " + where.activeHost());
            }
            String q = ctx.queryString();
            Peers.Answer a = peers.get(where.activeHost(), ctx.path() + (q == null || q.isEmpty() ? "" : "?" + q), ctx.header("Authorization"));
            if (a.status() >= 500) {
                throw a.asProblem(json, where.activeHost());
            }
            ctx.status(a.status()).contentType(a.contentType()).result(a.body());
            return;
        }
        Instant to = Instant.now();
        ctx.json(TargetStats.local(streams, id, windowText, to.minus(window), to));
    }

    /** {@code {"target","from","to","transitions":[Alert],"truncated"}} */
    public record AlertsAnswer(String target, String from, String to, List<Alert> transitions, boolean truncated) {
    }

    void alerts(Context ctx) {
        Principal caller = auth.authenticate(ctx);
        String id = TargetEndpoints.accessible(directory, caller, ctx.pathParam("id")).id();
        Instant to = ctx.queryParam("to") == null ? Instant.now() : AlertTimes.param("to", ctx.queryParam("to"));
        Instant from = ctx.queryParam("from") == null ? to.minus(MAX_WINDOW) : AlertTimes.param("from", ctx.queryParam("from"));
        if (from.isAfter(to)) {
            throw ProblemException.badRequest("from=" + from + " is after to=" + to);
        }
        Predicate<Alert> ofTarget = a -> a.group() != null && id.equals(String.valueOf(a.group().get("target")));
        KafkaStreams streams = access.running();
        List<Alert> all = new ArrayList<>();
        boolean truncated = false;
        if (localOnly(ctx)) {
            LocalAlerts.HistoryPage mine = new LocalAlerts(streams, null).matching(from, to, ofTarget, maxResults);
            ctx.json(new AlertsAnswer(id, from.toString(), to.toString(), mine.transitions(), mine.truncated()));
            return;
        }
        String peerPath = ctx.path() + "?from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli();
        for (HostInfo host : hosts(streams)) {
            if (peers.isSelf(host)) {
                LocalAlerts.HistoryPage mine = new LocalAlerts(streams, null).matching(from, to, ofTarget, maxResults);
                all.addAll(mine.transitions());
                truncated |= mine.truncated();
            } else {
                Peers.Answer a = peers.get(host, peerPath, ctx.header("Authorization"));
                if (a.status() != 200) {
                    throw a.asProblem(json, host);
                }
                AlertsAnswer theirs = a.read(json, AlertsAnswer.class, host);
                all.addAll(theirs.transitions());
                truncated |= theirs.truncated();
            }
        }
        Map<String, Alert> byId = new LinkedHashMap<>();
        all.forEach(a -> byId.putIfAbsent(a.id(), a));
        LocalAlerts.HistoryPage page = LocalAlerts.page(new ArrayList<>(byId.values()), maxResults, truncated);
        ctx.json(new AlertsAnswer(id, from.toString(), to.toString(), page.transitions(), page.truncated()));
    }

    private static List<HostInfo> hosts(KafkaStreams streams) {
        List<HostInfo> hosts = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(ApiStores.HISTORY)) {
            hosts.add(m.hostInfo());
        }
        if (hosts.isEmpty()) {
            throw LocalAlerts.rebalancing("no instance holds the alert history now");
        }
        return hosts;
    }
}
