package io.alertstream.topology.model;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Binary serde for {@link AlertState}, the value of the alert-state store. */
public final class AlertStateSerde implements Serde<AlertState> {
    @Override
    public Serializer<AlertState> serializer() {
        return (topic, state) -> state == null ? null : state.toBytes();
    }

    @Override
    public Deserializer<AlertState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : AlertState.fromBytes(bytes);
    }
}
