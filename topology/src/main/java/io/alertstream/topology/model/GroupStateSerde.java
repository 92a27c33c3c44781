package io.alertstream.topology.model;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serde for {@link GroupState}, the value of the alert-state store. */
public final class GroupStateSerde implements Serde<GroupState> {
    @Override
    public Serializer<GroupState> serializer() {
        return (topic, state) -> state == null ? null : state.toBytes();
    }

    @Override
    public Deserializer<GroupState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : GroupState.fromBytes(bytes);
    }
}
