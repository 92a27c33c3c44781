package io.alertstream.api.alerts;

import io.alertstream.api.http.AcknowledgedWriter;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.notify.Ack;
import java.time.Duration;
import java.util.Properties;

/** Writes acknowledgements to the compacted {@code acks} topic, keyed by alert key; returns once the brokers have them. */
public final class AckWriter implements AutoCloseable {
    private final AcknowledgedWriter<Ack> writer;
    private final String topic;

    public AckWriter(Properties clientProps, String topic, Duration timeout) {
        this.writer = new AcknowledgedWriter<>(clientProps, "acks", new JsonSerde<>(Ack.class).serializer(), timeout);
        this.topic = topic;
    }

    public void write(Ack ack) {
        writer.write(topic, ack.alertKey(), ack);
    }

    @Override
    public void close() {
        writer.close();
    }
}
