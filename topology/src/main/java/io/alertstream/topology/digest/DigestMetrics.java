package io.alertstream.topology.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.TaskId;

/**
 * The digest processors' counters, per task and processor, in group {@code alertstream-metrics} beside
 * the Streams metrics (JMX, {@code KafkaStreams#metrics()}): e.g. {@code digest-stale-total}.
 */
final class DigestMetrics {
    static final String GROUP = "alertstream-metrics";
    private final StreamsMetrics metrics;
    private final String prefix;
    private final Map<String, String> tags;
    private final List<Sensor> sensors = new ArrayList<>();

    DigestMetrics(StreamsMetrics metrics, TaskId task, String processor) {
        this.metrics = metrics;
        this.prefix = "alertstream." + task + "." + processor + ".";
        this.tags = Map.of("task-id", task.toString(), "processor", processor);
    }

    /** A total that only grows, published as {@code <name>-total}. */
    Sensor total(String name, String description) {
        Sensor sensor = metrics.addSensor(prefix + name, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name + "-total", GROUP, description, tags), new CumulativeSum());
        sensors.add(sensor);
        return sensor;
    }

    void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
    }
}
