package io.alertstream.topology.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.silence.Silence;
import io.alertstream.topology.silence.SilencesFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What publishing a silences file writes to the silences topic, decided without I/O: the valid silences that are
 * new or changed, with {@code created_at} set on first publication and kept after. A silence that ended early
 * (expired through the API, or an {@code until: resolved} one whose alerts resolved: {@code ended_by} set) is
 * unchanged while its entry in the file is, so re-applying does not bring it back; editing the entry does.
 * Nothing is deleted (the topic also holds the API's silences): removing an entry leaves it to run out.
 */
final class SilencesPublication {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SilencesPublication() {
    }

    /**
     * @param published the silences topic as read (id to JSON)
     * @param now       the instant stamped as {@code created_at} of a silence published for the first time
     * @return id to the JSON to write, in file order
     */
    static Map<String, String> changes(SilencesFile.Result file, Map<String, String> published, String now) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Silence s : file.silences()) {
            Silence before = parse(published.get(s.id()));
            if (before != null && asFiled(before, s).equals(s)) {
                continue;
            }
            Silence next = new Silence(s.id(), s.matchers(), s.startsAt(), s.endsAt(), s.until(), s.createdBy(), s.comment(),
                    before == null || before.createdAt() == null ? now : before.createdAt(), s.notifyEmail(), null);
            try {
                out.put(s.id(), JSON.writeValueAsString(next));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write silence " + s.id() + " as JSON", e);
            }
        }
        return out;
    }

    /** A published silence as the file would write it: no created_at, and an early end undone. */
    private static Silence asFiled(Silence published, Silence filed) {
        boolean endedEarly = published.endedBy() != null;
        return new Silence(published.id(), published.matchers(), published.startsAt(), endedEarly ? filed.endsAt() : published.endsAt(),
                published.until(), published.createdBy(), published.comment(), null, published.notifyEmail(), null);
    }

    private static Silence parse(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Silence.class);
        } catch (JsonProcessingException e) {
            return null; // unreadable: the file's version replaces it
        }
    }
}
