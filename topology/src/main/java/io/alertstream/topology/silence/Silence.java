package io.alertstream.topology.silence;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One silence, as on the compacted {@code silences} topic (keyed by {@code id}) and in the API's answers.
 * Written by {@code POST /v1/silences} and {@code DELETE /v1/silences/{id}} (which sets {@code ends_at} to
 * now), by {@code rules apply} from {@code silences.yaml}, and by the engine when an {@code until: resolved}
 * silence ends (it sets {@code ends_at} and {@code ended_by: resolved}, so the end survives a restart).
 *
 * @param matchers    {@code name=value}, {@code name!=value}, {@code name=~re2}, {@code name!~re2}; all must hold;
 *                    {@code level} matches the alert's level unless the alert has a label of that name
 * @param startsAt    ISO-8601 instant; before it the silence does nothing
 * @param endsAt      ISO-8601 instant; null only with {@code until: resolved}
 * @param until       {@code resolved} or null
 * @param createdBy   the user (the API caller, or the file's entry); notices go to them
 * @param notifyEmail where notices go when no receiver is named {@code createdBy}; the API sets the caller's
 * @param endedBy     why it ended early: {@code expired} (DELETE), {@code resolved} (until: resolved); null otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Silence(String id, List<String> matchers,
                      @JsonProperty("starts_at") String startsAt,
                      @JsonProperty("ends_at") String endsAt,
                      String until,
                      @JsonProperty("created_by") String createdBy,
                      String comment,
                      @JsonProperty("created_at") String createdAt,
                      @JsonProperty("notify_email") String notifyEmail,
                      @JsonProperty("ended_by") String endedBy) {
    public static final String UNTIL_RESOLVED = "resolved";

    public boolean untilResolved() {
        return UNTIL_RESOLVED.equals(until);
    }

    /** The same silence ending at {@code at}, for the reason given. */
    public Silence endedAt(String at, String reason) {
        return new Silence(id, matchers, startsAt, at, until, createdBy, comment, createdAt, notifyEmail, reason);
    }
}
