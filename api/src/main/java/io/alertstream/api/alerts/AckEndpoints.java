package io.alertstream.api.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.Ack;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code POST /v1/alerts/{key}/ack}: acknowledges the alert's current firing episode, which stops its pending
 * escalations (the engine's escalation stage reads the {@code acks} topic). Answers {@code 201} with the
 * {@link Ack} written (once the brokers have it), {@code 404} for an unknown alert, {@code 403} when the
 * caller may not see it ({@link Visibility}, the rule of {@code GET /v1/alerts/{key}}), {@code 409} when it is
 * not firing (a resolution already clears escalations; a later FIRING is a new episode that an earlier ack
 * does not cover). The alert's state is read where its partition lives: locally, or by asking that instance
 * {@code GET /v1/alerts/{key}} as the caller, so visibility is decided by the same code either way.
 */
public final class AckEndpoints implements Endpoints {
    private final StreamsAccess access;
    private final Authenticator authenticator;
    private final Peers peers;
    private final ObjectMapper json;
    private final Visibility visibility;
    private final AckWriter writer;
    private final Clock clock;

    public AckEndpoints(StreamsAccess access, Authenticator authenticator, Peers peers, ObjectMapper json, Visibility visibility,
                        AckWriter writer, Clock clock) {
        this.access = access;
        this.authenticator = authenticator;
        this.peers = peers;
        this.json = json;
        this.visibility = visibility;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.post("/v1/alerts/{key}/ack", this::ack);
    }

    /** What {@code GET /v1/alerts/{key}} answers, as far as an ack needs it. */
    record Detail(String alertKey, AlertView current) {
    }

    void ack(Context ctx) {
        Principal caller = authenticator.authenticate(ctx);
        String key = ctx.pathParam("key");
        AlertView current = current(ctx, caller, key);
        if (current == null || !Alert.FIRING.equals(current.status())) {
            throw new ProblemException(Problem.of(409, "alert-not-firing", "Conflict", "Alert '" + key + "' is not firing: "
                    + "there is nothing to acknowledge (a new FIRING starts a new episode, to be acknowledged anew)"));
        }
        Ack ack = new Ack(key, current.startsAt(), caller.user(), clock.instant().toString(), UUID.randomUUID().toString());
        writer.write(ack);
        ctx.status(201).json(ack);
    }

    private AlertView current(Context ctx, Principal caller, String key) {
        KafkaStreams streams = access.running();
        KeyQueryMetadata where = streams.queryMetadataForKey(ApiStores.FIRING, key, Serdes.String().serializer());
        if (where == null || where == KeyQueryMetadata.NOT_AVAILABLE || where.activeHost() == null
                || where.activeHost().equals(HostInfo.unavailable())) {
            throw LocalAlerts.rebalancing("the partition of alert '" + key + "' has no active instance now");
        }
        if (!peers.isSelf(where.activeHost())) {
            // The alert's own path as the caller encoded it: .../{key}/ack without /ack.
            String path = ctx.path().substring(0, ctx.path().length() - "/ack".length());
            Peers.Answer a = peers.get(where.activeHost(), path, ctx.header("Authorization"));
            if (a.status() != 200) {
                throw a.asProblem(json, where.activeHost());
            }
            return a.read(json, Detail.class, where.activeHost()).current();
        }
        LocalAlerts.KeyState state = new LocalAlerts(streams, visibility).byKey(key);
        if (state.current() == null && state.transitions() == null) {
            throw ProblemException.notFound("No alert with key '" + key + "'");
        }
        Alert shown = state.current() != null ? state.current() : state.transitions().latest();
        if (!visibility.canSee(caller, shown)) {
            throw ProblemException.forbidden("Alert '" + key + "' is neither owned by nor sent to " + caller.user());
        }
        return state.current() == null ? null : AlertView.of(state.current());
    }
}
