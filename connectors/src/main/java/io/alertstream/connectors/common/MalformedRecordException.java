package io.alertstream.connectors.common;

import org.apache.kafka.connect.errors.DataException;

/**
 * A record that cannot be written because of its content (not because the store is down): retrying it
 * cannot help. Its message names the record's topic, partition, offset and the config key to change.
 */
public class MalformedRecordException extends DataException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }

    public MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
