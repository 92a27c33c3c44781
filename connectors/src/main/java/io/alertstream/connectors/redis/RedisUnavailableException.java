package io.alertstream.connectors.redis;

import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An error reply that means Redis cannot take the write now (see {@link RedisReplies.Kind#OUTAGE}): retried
 * like a lost connection, never blamed on a record.
 */
final class RedisUnavailableException extends RuntimeException {
    RedisUnavailableException(String reply, JedisDataException cause) {
        super(reply, cause);
    }
}
