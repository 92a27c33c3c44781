package io.alertstream.topology.digest;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Format of the {@link DigestTopology#BY_USER_REPARTITION} topic: one tag byte ({@code S} for a status
 * change, {@code R} for a digest request) followed by the contract JSON of that input, ChangedAt as
 * received. Reading re-validates through {@link DigestJson}.
 */
final class DigestInputSerde implements Serde<DigestInput> {
    private static final byte STATUS_CHANGE = 'S';
    private static final byte REQUEST = 'R';

    @Override
    public Serializer<DigestInput> serializer() {
        return (topic, input) -> {
            if (input == null) {
                return null;
            }
            boolean change = input instanceof StatusChange;
            byte[] json = change ? DigestJson.write((StatusChange) input) : DigestJson.write((DigestRequest) input);
            return ByteBuffer.allocate(1 + json.length).put(change ? STATUS_CHANGE : REQUEST).put(json).array();
        };
    }

    @Override
    public Deserializer<DigestInput> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null || bytes.length == 0) {
                return null;
            }
            byte[] json = Arrays.copyOfRange(bytes, 1, bytes.length);
            try {
                return switch (bytes[0]) {
                    case STATUS_CHANGE -> DigestJson.statusChange(json, Integer.MAX_VALUE);
                    case REQUEST -> DigestJson.digestRequest(json, Integer.MAX_VALUE);
                    default -> throw new SerializationException("unknown digest input tag " + bytes[0] + " in " + topic);
                };
            } catch (MalformedInput e) {
                throw new SerializationException("cannot read DigestInput from " + topic + ": " + e.getMessage());
            }
        };
    }
}
