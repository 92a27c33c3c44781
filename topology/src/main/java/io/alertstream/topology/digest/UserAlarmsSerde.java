package io.alertstream.topology.digest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store format of {@link UserAlarms}: {@code {"v":1,"alarms":{"<AlarmID>":{"status","changedAt","since",
 * "sentStatus","sentFor"}}}}, times as the RFC 3339 text received (re-parsed on read, so nothing of their
 * precision is lost). JSON so an operator can read the changelog; {@code v} leaves room to change it.
 */
public final class UserAlarmsSerde implements Serde<UserAlarms> {
    /**
     * AlarmIDs are JSON field names here, and {@code max.id.length} allows 65,536 characters, above Jackson's
     * default name limit (50,000): without a larger limit such a user's state would be written and then be
     * unreadable, failing the stream thread on every record of that user.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(4 * 65_536).build()).build());
    private static final int VERSION = 1;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(String status, String changedAt, String since, String sentStatus, String sentFor) {
    }

    record StoredUser(int v, Map<String, Stored> alarms) {
    }

    @Override
    public Serializer<UserAlarms> serializer() {
        return (topic, user) -> {
            if (user == null) {
                return null;
            }
            Map<String, Stored> out = new TreeMap<>();
            user.view().forEach((id, a) -> out.put(id, new Stored(a.status().name(), a.changedAt().text(), a.since().text(),
                    a.sentStatus() == null ? null : a.sentStatus().name(), a.sentFor() == null ? null : a.sentFor().text())));
            try {
                return JSON.writeValueAsBytes(new StoredUser(VERSION, out));
            } catch (IOException e) {
                throw new SerializationException("cannot write UserAlarms to " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<UserAlarms> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                StoredUser in = JSON.readValue(bytes, StoredUser.class);
                if (in.v() != VERSION) {
                    throw new SerializationException("UserAlarms format v" + in.v() + " in " + topic + " is not supported (expected v"
                            + VERSION + ")");
                }
                TreeMap<String, AlarmState> alarms = new TreeMap<>();
                in.alarms().forEach((id, s) -> alarms.put(id, new AlarmState(AlarmStatus.valueOf(s.status()),
                        ChangedAt.parse(s.changedAt()), ChangedAt.parse(s.since()),
                        s.sentStatus() == null ? null : AlarmStatus.valueOf(s.sentStatus()),
                        s.sentFor() == null ? null : ChangedAt.parse(s.sentFor()))));
                return new UserAlarms(alarms);
            } catch (IOException | RuntimeException e) {
                if (e instanceof SerializationException se) {
                    throw se;
                }
                throw new SerializationException("cannot read UserAlarms from " + topic, e);
            }
        };
    }
}
