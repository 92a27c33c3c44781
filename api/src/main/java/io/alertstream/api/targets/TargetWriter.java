package io.alertstream.api.targets;

import io.alertstream.api.http.AcknowledgedWriter;
import io.alertstream.topology.targets.Target;
import java.time.Duration;
import java.util.Properties;

/**
 * Writes targets to the compacted {@code targets} topic, keyed by id, as the {@link Target} JSON the probe
 * connector reads; a delete is a tombstone. Returns once the brokers have the write.
 */
public final class TargetWriter implements AutoCloseable {
    private final AcknowledgedWriter<Target> writer;
    private final String topic;

    public TargetWriter(Properties clientProps, String topic, Duration timeout) {
        this.writer = new AcknowledgedWriter<>(clientProps, "targets", TargetStores.TARGET_SERDE.serializer(), timeout);
        this.topic = topic;
    }

    public void write(Target t) {
        writer.write(topic, t.id(), t);
    }

    public void delete(String id) {
        writer.write(topic, id, null);
    }

    @Override
    public void close() {
        writer.close();
    }
}
