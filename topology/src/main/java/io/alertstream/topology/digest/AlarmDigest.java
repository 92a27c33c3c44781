package io.alertstream.topology.digest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One digest on {@code alarm-digest}, keyed by UserID (field names are the contract):
 * {@code {"UserID", "ActiveAlarms": [{"AlarmID", "Status", "LatestChangedAt"}]}}. The list holds the
 * user's active alarms whose current status no earlier digest reported, ordered by
 * {@code LatestChangedAt} then {@code AlarmID}; it may be empty.
 */
@JsonPropertyOrder({"UserID", "ActiveAlarms"})
public record AlarmDigest(@JsonProperty("UserID") String userId,
                          @JsonProperty("ActiveAlarms") List<ActiveAlarm> activeAlarms) implements DigestOutput {

    /** One alarm in a digest; {@code LatestChangedAt} is the ChangedAt text exactly as received. */
    @JsonPropertyOrder({"AlarmID", "Status", "LatestChangedAt"})
    public record ActiveAlarm(@JsonProperty("AlarmID") String alarmId, @JsonProperty("Status") String status,
                              @JsonProperty("LatestChangedAt") String latestChangedAt) {
    }
}
