package io.alertstream.api.http;

import io.alertstream.topology.ops.OpsMetrics;
import io.javalin.config.JavalinConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the API process's Prometheus metrics (its Kafka Streams application, the JVM), never
 * about a user's data. The API's address is the one users call, so the metrics are denied until allowed: a
 * caller on this host (loopback) may read them, any other only with {@code Authorization: Bearer <token>}
 * matching {@code alertstream.api.metrics.token} (Prometheus' {@code authorization} setting); without a token
 * configured, only this host may.
 */
public final class MetricsEndpoint implements Endpoints {
    public static final String PATH = "/metrics";
    private final OpsMetrics metrics;
    private final byte[] token;

    /** @param token the bearer token other hosts must present; empty: loopback callers only */
    public MetricsEndpoint(OpsMetrics metrics, String token) {
        this.metrics = metrics;
        this.token = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get(PATH, ctx -> {
            if (!allowed(ctx.req().getRemoteAddr(), ctx.header("Authorization"))) {
                throw ProblemException.unauthorized(token.length == 0
                        ? "metrics are served to this host only; set alertstream.api.metrics.token to let Prometheus read them from elsewhere"
                        : "metrics need Authorization: Bearer <alertstream.api.metrics.token>");
            }
            ctx.contentType(OpsMetrics.CONTENT_TYPE).result(metrics.scrape());
        });
    }

    /** Whether a caller from {@code remoteAddress} (an IP literal) with this Authorization header may read the metrics. */
    boolean allowed(String remoteAddress, String auth) {
        if (isLoopback(remoteAddress)) {
            return true;
        }
        if (token.length == 0 || auth == null || !auth.startsWith("Bearer ")) {
            return false;
        }
        // Constant time: the comparison must not tell how much of a guessed token was right.
        return MessageDigest.isEqual(token, auth.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
