package io.alertstream.topology.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.model.Alert;

/**
 * The size of an alert as JSON, in bytes: what it adds to a group in the {@code notify-groups} store
 * (and its changelog record) and to a notification. Counted once per transition, so a group's size
 * is a sum, not a re-serialization of the group.
 */
final class AlertSize {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertSize() {
    }

    static int of(Alert alert) {
        try {
            return JSON.writeValueAsBytes(alert).length;
        } catch (JsonProcessingException e) {
            return AlertIntake.MAX_ALERT_BYTES; // cannot happen for a record of strings and numbers; count it as large
        }
    }
}
