package io.alertstream.api.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other API instances, as their {@code application.server} names them: asks one of them a query
 * with the caller's {@code Authorization} and the {@link #LOCAL_ONLY} marker, so the peer answers from
 * its own stores and never forwards again (no loops, whatever the metadata says). This instance's
 * own address is set once the server has bound its port. A peer that does not answer in time is a 503.
 */
public final class Peers {
    /** Marker header of a request one instance sends another: answer from your local stores only. */
    public static final String LOCAL_ONLY = "X-Alertstream-Local-Only";
    private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
    private final HttpClient http;
    private final Duration timeout;
    private volatile URI self;

    public Peers(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** This instance's base URL (what it advertises as {@code application.server}). */
    public void self(URI url) {
        this.self = url;
    }

    public boolean isSelf(HostInfo host) {
        URI me = self;
        return me != null && host.host().equals(me.getHost()) && host.port() == me.getPort();
    }

    /** A peer's answer: status, content type and body, to relay or to read. */
    public record Answer(int status, String contentType, String body) {
        public <T> T read(ObjectMapper json, Class<T> type, HostInfo from) {
            try {
                return json.readValue(body, type);
            } catch (IOException e) {
                throw new IllegalStateException("instance " + from + " answered what is not a " + type.getSimpleName(), e);
            }
        }

        /** The peer's error as this instance's own problem (a 4xx is the caller's; anything else is a 503). */
        public ProblemException asProblem(ObjectMapper json, HostInfo from) {
            if (status >= 400 && status < 500) {
                try {
                    return new ProblemException(json.readValue(body, Problem.class));
                } catch (IOException e) {
                    // fall through: not a problem document
                }
            }
            return LocalAlerts.rebalancing("instance " + from + " answered " + status);
        }
    }

    /** GET {@code pathAndQuery} on {@code host}, as the caller ({@code authorization} may be null). */
    public Answer get(HostInfo host, String pathAndQuery, String authorization) {
        URI me = self;
        String scheme = me == null ? "http" : me.getScheme();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(timeout).header(LOCAL_ONLY, "true").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body());
        } catch (IOException e) {
            LOG.warn("Instance {} did not answer {}: {}", host, pathAndQuery, e.toString());
            throw LocalAlerts.rebalancing("instance " + host + " that holds these alerts did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LocalAlerts.rebalancing("interrupted while asking instance " + host);
        }
    }
}
