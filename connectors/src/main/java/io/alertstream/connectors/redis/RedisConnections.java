package io.alertstream.connectors.redis;

import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * Opens authenticated Jedis connections to the configured endpoint, with timeouts and TLS
 * (trust store from the config, else the JVM default; host name verified against the certificate).
 * The password never reaches a log line.
 */
final class RedisConnections {
    private final RedisEndpoint endpoint;
    private final JedisClientConfig clientConfig;

    RedisConnections(RedisSinkConnectorConfig config) {
        this.endpoint = config.endpoint();
        DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) config.connectTimeout().toMillis())
                .socketTimeoutMillis((int) config.socketTimeout().toMillis())
                .database(endpoint.database())
                .user(endpoint.user())
                .password(endpoint.password())
                .clientName("alertstream-redis-sink")
                .ssl(endpoint.ssl());
        if (endpoint.ssl()) {
            config.sslContext().ifPresent(context -> builder.sslSocketFactory(context.getSocketFactory()));
            // Check that the certificate names the host, as HTTPS does; Jedis does not by default.
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            builder.sslParameters(parameters);
        }
        this.clientConfig = builder.build();
    }

    RedisEndpoint endpoint() {
        return endpoint;
    }

    /** Connects and authenticates now; throws {@code JedisConnectionException} when Redis is unreachable. */
    Jedis open() {
        Jedis jedis = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), clientConfig);
        jedis.ping();
        return jedis;
    }
}
