package io.alertstream.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Redis error replies are outages (retry, never dead-letter) and which blame the record. */
class RedisRepliesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "OOM command not allowed when used memory > 'maxmemory'.",
        "READONLY You can't write against a read only replica.",
        "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
        "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
        "CLUSTERDOWN The cluster is down",
        "LOADING Redis is loading the dataset in memory",
        "TRYAGAIN Multiple keys request during rehashing of slot",
        "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
        "NOREPLICAS Not enough good replicas to write.",
        "NOPERM this user has no permissions to run the 'evalsha' command",
        // Redis 6 wraps the reply of a command a script ran:
        "ERR Error running script (call to f_0123abcd): @user_script:8: @user_script: 8: "
                + "-OOM command not allowed when used memory > 'maxmemory'.",
        "ERR Error running script (call to f_0123abcd): @user_script:8: @user_script: 8: "
                + "-READONLY You can't write against a read only replica."})
    void serverStateRepliesShouldBeOutages(String reply) {
        assertThat(RedisReplies.classify(reply)).isEqualTo(RedisReplies.Kind.OUTAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOSCRIPT No matching script. Please use EVAL.", "NOAUTH Authentication required."})
    void lostSessionRepliesShouldReconnect(String reply) {
        assertThat(RedisReplies.classify(reply)).isEqualTo(RedisReplies.Kind.RECONNECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "WRONGTYPE Operation against a key holding the wrong kind of value",
        "ERR Error running script (call to f_0123abcd): @user_script:8: @user_script: 8: "
                + "-WRONGTYPE Operation against a key holding the wrong kind of value",
        "ERR value is not a valid float"})
    void recordRepliesShouldBlameTheRecord(String reply) {
        assertThat(RedisReplies.classify(reply)).isEqualTo(RedisReplies.Kind.BAD_RECORD);
    }
}
