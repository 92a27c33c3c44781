package io.alertstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** A real redis-server child process: reads and writes, outage and restart, password, start errors. */
class EmbeddedRedisIT {

    @Test
    void shouldFailWithTheServerOutputWhenTheGivenPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedRedis.builder().port(port).start())
                .hasMessageContaining("exited with status")
                .hasMessageContaining("port " + port)
                .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void shouldSetAndGetAValue() {
        try (EmbeddedRedis redis = EmbeddedRedis.start(); Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.set("alert:1", "firing");

            assertThat(jedis.get("alert:1")).isEqualTo("firing");
            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
        }
    }

    @Test
    void shouldBeUnreachableWhenStoppedAndServeAgainOnTheSamePortAfterRestart() {
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            int port = redis.port();
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                jedis.set("k", "v");
            }

            redis.stop();
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
            }

            redis.restart();
            assertThat(redis.port()).isEqualTo(port);
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                assertThat(jedis.get("k")).as("no persistence: a restarted server is empty").isNull();
                jedis.set("k", "again");
                assertThat(jedis.get("k")).isEqualTo("again");
            }
        }
    }

    @Test
    void shouldRequireThePasswordWhenOneIsSet() {
        try (EmbeddedRedis redis = EmbeddedRedis.builder().password("s3cr\"et").start()) {
            assertThat(redis.uri()).isEqualTo("redis://:s3cr\"et@127.0.0.1:" + redis.port());
            try (Jedis anonymous = new Jedis(redis.host(), redis.port())) {
                assertThatThrownBy(() -> anonymous.get("k")).isInstanceOf(JedisDataException.class).hasMessageContaining("NOAUTH");
            }
            try (Jedis authenticated = new Jedis(redis.host(), redis.port())) {
                authenticated.auth("s3cr\"et");
                authenticated.set("k", "v");
                assertThat(authenticated.get("k")).isEqualTo("v");
            }
        }
    }
}
