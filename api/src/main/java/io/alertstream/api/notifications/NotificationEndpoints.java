package io.alertstream.api.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.alerts.LocalAlerts;
import io.alertstream.api.alerts.Peers;
import io.alertstream.api.alerts.Visibility;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.ProblemException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What the engine told receivers about alerts, from the notification stores ({@link NotificationStores}):
 * <ul>
 * <li>{@code GET /v1/alerts/{key}/notifications}: {@code {"alertKey","flapping","notifications":[SentNotification]}},
 *     oldest first, at most {@link SentNotifications#MAX}; an alert never named by a notification answers an empty list.
 *     403 when the caller may not see the alert ({@link Visibility}, on the alert as the notifications carried it: the
 *     rule of {@code GET /v1/alerts/{key}}). Asked of the instance where the key's partition of the store is active.</li>
 * <li>{@code GET /v1/alerts/flapping}: {@code {"alertKeys":[...]}}, the alerts the caller may see whose latest
 *     notification was the engine's flapping notice; every instance answers its own partitions (scatter-gather).</li>
 * </ul>
 * A request from another instance carries {@link Peers#LOCAL_ONLY}; while partitions move the answer is 503 with Retry-After.
 */
public final class NotificationEndpoints implements Endpoints {
    private final StreamsAccess access;
    private final Authenticator authenticator;
    private final Peers peers;
    private final ObjectMapper json;
    private final Visibility visibility;

    public NotificationEndpoints(StreamsAccess access, Authenticator authenticator, Peers peers, ObjectMapper json, Visibility visibility) {
        this.access = access;
        this.authenticator = authenticator;
        this.peers = peers;
        this.json = json;
        this.visibility = visibility;
    }

    /** {@code {"alertKey","flapping","notifications":[SentNotification]}} */
    public record Answer(String alertKey, boolean flapping, List<SentNotification> notifications) {
    }

    /** {@code {"alertKeys":[...]}} */
    public record FlappingAnswer(List<String> alertKeys) {
    }

    @Override
    public void addTo(JavalinConfig config) {
        // Before GET /v1/alerts/{key} (registered after these): the fixed path must not be read as an alert key.
        config.routes.get("/v1/alerts/flapping", this::flapping);
        config.routes.get("/v1/alerts/{key}/notifications", this::byKey);
    }

    void byKey(Context ctx) {
        Principal caller = authenticator.authenticate(ctx);
        String key = ctx.pathParam("key");
        KafkaStreams streams = access.running();
        KeyQueryMetadata where = streams.queryMetadataForKey(ApiStores.NOTIFICATIONS, key, Serdes.String().serializer());
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE || where.activeHost() == null
                || where.activeHost().equals(HostInfo.unavailable())) {
            throw LocalAlerts.rebalancing("the partition of the notifications of alert '" + key + "' has no active instance now");
        }
        if (!peers.isSelf(where.activeHost())) {
            if (ctx.header(Peers.LOCAL_ONLY) != null) {
                throw LocalAlerts.rebalancing("the notifications of alert '" + key + "' have moved to instance " + where.activeHost());
            }
            Peers.Answer a = peers.get(where.activeHost(), ctx.path(), ctx.header("Authorization"));
            if (a.status() >= 500) {
                throw a.asProblem(json, where.activeHost());
            }
            ctx.status(a.status()).contentType(a.contentType()).result(a.body());
            return;
        }
        SentNotifications sent = read(streams, ApiStores.NOTIFICATIONS, key);
        if (sent == null || sent.alert() == null) {
            ctx.json(new Answer(key, false, List.of()));
            return;
        }
        if (!visibility.canSee(caller, sent.alert())) {
            throw ProblemException.forbidden("Alert '" + key + "' is neither owned by nor sent to " + caller.user());
        }
        ctx.json(new Answer(key, sent.flapping(), sent.items()));
    }

    void flapping(Context ctx) {
        Principal caller = authenticator.authenticate(ctx);
        KafkaStreams streams = access.running();
        TreeSet<String> keys = new TreeSet<>(local(streams, caller));
        if (ctx.header(Peers.LOCAL_ONLY) == null) {
            for (StreamsMetadata m : streams.streamsMetadataForStore(ApiStores.FLAPPING)) {
                if (!peers.isSelf(m.hostInfo())) {
                    Peers.Answer a = peers.get(m.hostInfo(), ctx.path(), ctx.header("Authorization"));
                    if (a.status() != 200) {
                        throw a.asProblem(json, m.hostInfo());
                    }
                    keys.addAll(a.read(json, FlappingAnswer.class, m.hostInfo()).alertKeys());
                }
            }
        }
        ctx.json(new FlappingAnswer(new ArrayList<>(keys)));
    }

    private List<String> local(KafkaStreams streams, Principal caller) {
        List<String> out = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<String, io.alertstream.topology.model.Alert> store = streams.store(
                    StoreQueryParameters.fromNameAndType(ApiStores.FLAPPING, QueryableStoreTypes.keyValueStore()));
            try (var it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (visibility.canSee(caller, kv.value)) {
                        out.add(kv.key);
                    }
                });
            }
        } catch (InvalidStateStoreException e) {
            throw LocalAlerts.rebalancing("the notification stores here are moving between instances (" + e.getMessage() + ")");
        }
        return out;
    }

    private static <V> V read(KafkaStreams streams, String store, String key) {
        try {
            ReadOnlyKeyValueStore<String, V> s = streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
            return s.get(key);
        } catch (InvalidStateStoreException e) {
            throw LocalAlerts.rebalancing("the notification stores here are moving between instances (" + e.getMessage() + ")");
        }
    }
}
