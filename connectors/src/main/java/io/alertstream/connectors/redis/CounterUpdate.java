package io.alertstream.connectors.redis;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One absolute counter value to store: hash key, window, aggregate and expiry, plus its Kafka record.
 *
 * @param value the aggregate as Redis will store it (plain decimal text)
 * @param count the number of events in the window as text, or null when the record has none
 * @param ttlMs expiry of the hash and retention of old windows; 0 = never expire
 */
public record CounterUpdate(String key, long windowStartMs, long windowEndMs, String value, String count, long ttlMs,
                            SinkRecord record) {
}
