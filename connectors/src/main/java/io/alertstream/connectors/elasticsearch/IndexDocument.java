package io.alertstream.connectors.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One document to index: target index, id, JSON source, and the Kafka record it came from (for error
 * messages and the dead-letter queue).
 */
public record IndexDocument(String index, String id, ObjectNode source, SinkRecord record) {
}
