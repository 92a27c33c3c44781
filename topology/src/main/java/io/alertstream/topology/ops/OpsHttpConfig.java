package io.alertstream.topology.ops;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Where {@code alertstream run} serves {@code /metrics}, {@code /health/live} and {@code /health/ready}, and
 * when it calls itself ready. Keys:
 * <ul>
 *   <li>{@value #HOST_CONFIG} (default {@value #HOST_DEFAULT}: only this host can scrape; {@code 0.0.0.0} for a
 *       container or a remote Prometheus);</li>
 *   <li>{@value #PORT_CONFIG} (default {@value #PORT_DEFAULT}; {@code 0} picks a free port; {@code off} serves
 *       nothing). With the default, a second instance on the host takes the next free port (up to
 *       {@value #DEFAULT_PORT_TRIES} tries), as it takes the next state slot; a configured port is taken or refused;</li>
 *   <li>{@value #READY_MAX_LAG_CONFIG} (default {@value #READY_MAX_LAG_DEFAULT}): input records not yet processed
 *       and committed, over all input partitions, above which the instance is not ready.</li>
 * </ul>
 */
public record OpsHttpConfig(String host, int port, boolean portConfigured, long readyMaxLag) {
    public static final String HOST_CONFIG = "alertstream.http.host";
    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final String PORT_CONFIG = "alertstream.http.port";
    public static final int PORT_DEFAULT = 9464;
    public static final int DEFAULT_PORT_TRIES = 64;
    public static final String READY_MAX_LAG_CONFIG = "alertstream.health.ready.max.lag";
    public static final long READY_MAX_LAG_DEFAULT = 10_000;
    /** {@link #port()} when the server is off. */
    public static final int OFF = -1;

    public boolean enabled() {
        return port != OFF;
    }

    /** The keys, with type, default, validator and documentation (the README's table is generated from them). */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HOST_CONFIG, Type.STRING, HOST_DEFAULT, ConfigDef.LambdaValidator.with((name, value) -> host(value), () -> "a host name or address"), Importance.MEDIUM,
                    "Address of run's /metrics, /health/live and /health/ready (no login: keep it on loopback or a private "
                    + "interface; 0.0.0.0 in a container).")
            .define(PORT_CONFIG, Type.STRING, String.valueOf(PORT_DEFAULT), ConfigDef.LambdaValidator.with((name, value) -> port(String.valueOf(value)), () -> "0-65535 or off"),
                    Importance.MEDIUM, "Their port (--http-port); with the default, a second instance on the host takes the next "
                    + "free port (as it takes the next state slot); 0 picks any free port; off serves nothing. The ready line "
                    + "names the URL.")
            .define(READY_MAX_LAG_CONFIG, Type.STRING, String.valueOf(READY_MAX_LAG_DEFAULT), ConfigDef.LambdaValidator.with((name, value) -> maxLag(value), () -> "[0,...]"),
                    Importance.LOW, "Input records not yet processed and committed (over all input partitions, measured at the "
                    + "broker) above which /health/ready answers 503.");

    public static OpsHttpConfig from(Properties p) {
        Map<String, Object> v = CONFIG_DEF.parse(p);
        return new OpsHttpConfig(host(v.get(HOST_CONFIG)), port((String) v.get(PORT_CONFIG)), p.getProperty(PORT_CONFIG) != null,
                maxLag(v.get(READY_MAX_LAG_CONFIG)));
    }

    private static String host(Object value) {
        String host = value == null ? "" : value.toString().trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException(HOST_CONFIG + " must be a host name or address, e.g. 127.0.0.1 or 0.0.0.0");
        }
        return host;
    }

    private static long maxLag(Object value) {
        long maxLag;
        try {
            maxLag = Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            maxLag = -1;
        }
        if (maxLag < 0) {
            throw new IllegalArgumentException(READY_MAX_LAG_CONFIG + " must be a record count of 0 or more, e.g. 10000");
        }
        return maxLag;
    }

    private static int port(String value) {
        String text = value.trim();
        if (text.toLowerCase(Locale.ROOT).equals("off")) {
            return OFF;
        }
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(PORT_CONFIG + " must be a port 0-65535 (0 picks a free one) or off");
    }
}
