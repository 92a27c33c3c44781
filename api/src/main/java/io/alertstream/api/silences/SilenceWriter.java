package io.alertstream.api.silences;

import io.alertstream.api.http.AcknowledgedWriter;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.silence.Silence;
import java.time.Duration;
import java.util.Properties;

/** Writes silences to the compacted {@code silences} topic, keyed by id; returns once the brokers have them. */
public final class SilenceWriter implements AutoCloseable {
    private final AcknowledgedWriter<Silence> writer;
    private final String topic;

    public SilenceWriter(Properties clientProps, String topic, Duration timeout) {
        this.writer = new AcknowledgedWriter<>(clientProps, "silences", new JsonSerde<>(Silence.class).serializer(), timeout);
        this.topic = topic;
    }

    public void write(Silence s) {
        writer.write(topic, s.id(), s);
    }

    @Override
    public void close() {
        writer.close();
    }
}
