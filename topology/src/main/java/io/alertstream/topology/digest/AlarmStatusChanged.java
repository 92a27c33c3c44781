package io.alertstream.topology.digest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The wire form of a status change on {@code alarm-status-changed} (field names are the contract):
 * {@code {"AlarmID", "UserID", "Status": "CLEARED"|"WARNING"|"CRITICAL", "ChangedAt": RFC 3339}}.
 * Written by the alerts bridge; read through {@link DigestJson}, which validates every field.
 */
@JsonPropertyOrder({"AlarmID", "UserID", "Status", "ChangedAt"})
public record AlarmStatusChanged(@JsonProperty("AlarmID") String alarmId, @JsonProperty("UserID") String userId,
                                 @JsonProperty("Status") String status, @JsonProperty("ChangedAt") String changedAt) {
}
