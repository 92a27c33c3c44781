package io.alertstream.topology.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads and writes the digest wire contract (PascalCase field names). Reading validates every field
 * the contract names and refuses the record with a {@link MalformedInput} saying which one and why;
 * unknown extra fields are ignored, so producers may add fields.
 */
public final class DigestJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DigestJson() {
    }

    /** An AlarmStatusChanged; ids longer than {@code maxIdLength} characters are refused. */
    static StatusChange statusChange(byte[] value, int maxIdLength) throws MalformedInput {
        JsonNode o = object(value, "AlarmStatusChanged");
        String userId = id(o, "UserID", "missing-user-id", maxIdLength);
        String alarmId = id(o, "AlarmID", "missing-alarm-id", maxIdLength);
        JsonNode s = o.get("Status");
        AlarmStatus status = s != null && s.isTextual() ? AlarmStatus.fromWire(s.textValue()) : null;
        if (status == null) {
            throw new MalformedInput("unknown-status", (s == null || s.isNull() ? "Status is missing" : "Status " + s
                    + " is not one of \"CLEARED\", \"WARNING\", \"CRITICAL\"") + " (exact spelling)");
        }
        JsonNode t = o.get("ChangedAt");
        if (t == null || !t.isTextual()) {
            throw new MalformedInput("bad-changed-at", (t == null || t.isNull() ? "ChangedAt is missing" : "ChangedAt " + t
                    + " is not a string") + "; expected RFC 3339 such as \"2021-06-07T20:40:15.598765212Z\"");
        }
        try {
            return new StatusChange(userId, alarmId, status, ChangedAt.parse(t.textValue()));
        } catch (DateTimeParseException e) {
            throw new MalformedInput("bad-changed-at", "ChangedAt " + t
                    + " is not an RFC 3339 time such as \"2021-06-07T20:40:15.598765212Z\"");
        }
    }

    /** A SendAlarmDigest. */
    static DigestRequest digestRequest(byte[] value, int maxIdLength) throws MalformedInput {
        return new DigestRequest(id(object(value, "SendAlarmDigest"), "UserID", "missing-user-id", maxIdLength));
    }

    static byte[] write(AlarmStatusChanged change) {
        try {
            return JSON.writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract form of a validated change; ChangedAt keeps the text as received. */
    public static byte[] write(StatusChange c) {
        return write(new AlarmStatusChanged(c.alarmId(), c.userId(), c.status().name(), c.changedAt().text()));
    }

    static byte[] write(DigestRequest r) {
        return JSON.createObjectNode().put("UserID", r.userId()).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode object(byte[] value, String type) throws MalformedInput {
        if (value == null || value.length == 0) {
            throw new MalformedInput("empty", "record has no value; expected a JSON " + type);
        }
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw new MalformedInput("malformed-json", "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new MalformedInput("malformed-json", "unreadable value: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedInput("not-an-object", "value is " + (node == null || node.isMissingNode() ? "empty" : "JSON "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT)) + ", not a " + type + " object");
        }
        return node;
    }

    private static String id(JsonNode o, String field, String type, int maxLength) throws MalformedInput {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedInput(type, field + " is missing");
        }
        if (!v.isTextual()) {
            throw new MalformedInput(type, field + " must be a string, got " + v);
        }
        String s = v.textValue();
        if (s.isBlank()) {
            throw new MalformedInput(type, field + " is blank");
        }
        if (s.length() > maxLength) {
            throw new MalformedInput("id-too-long", field + " has " + s.length() + " characters, more than "
                    + DigestConfig.MAX_ID_LENGTH_CONFIG + "=" + maxLength);
        }
        return s;
    }
}
