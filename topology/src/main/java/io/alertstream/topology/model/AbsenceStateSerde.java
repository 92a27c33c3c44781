package io.alertstream.topology.model;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serde for {@link AbsenceState}, the value of the absence-state store. */
public final class AbsenceStateSerde implements Serde<AbsenceState> {
    @Override
    public Serializer<AbsenceState> serializer() {
        return (topic, state) -> state == null ? null : state.toBytes();
    }

    @Override
    public Deserializer<AbsenceState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : AbsenceState.fromBytes(bytes);
    }
}
