package io.alertstream.connectors.redis;

/**
 * Where and as whom to connect to Redis, resolved from the config. {@code toString} hides the password.
 *
 * @param user ACL user, or null for the default user
 * @param password null when Redis needs none
 */
public record RedisEndpoint(String host, int port, int database, String user, String password, boolean ssl) {
    @Override
    public String toString() {
        return (ssl ? "rediss://" : "redis://") + (user == null ? "" : user + "@") + host + ":" + port + "/" + database
                + (password == null ? "" : " (with password)");
    }
}
