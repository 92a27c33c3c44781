package io.alertstream.topology.processors;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.TaskId;

/**
 * alertstream's own metrics, per task, in group {@code alertstream-metrics} beside the Streams metrics
 * (visible over JMX and {@code KafkaStreams#metrics()}): counters for records sent to the dead-letter
 * topic, events dropped as late, filter and field errors; gauges for the watermark and its lag.
 */
final class AlertMetrics {
    static final String GROUP = "alertstream-metrics";
    private final StreamsMetrics metrics;
    private final String prefix;
    private final Map<String, String> tags;

    AlertMetrics(StreamsMetrics metrics, TaskId task, String processor) {
        this.metrics = metrics;
        this.prefix = "alertstream." + task + "." + processor + ".";
        this.tags = Map.of("task-id", task.toString(), "processor", processor);
    }

    /** A total that only grows, e.g. {@code dropped-late-total}. */
    Sensor total(String name, String description) {
        Sensor sensor = metrics.addSensor(prefix + name, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name + "-total", GROUP, description, tags), new CumulativeSum());
        return sensor;
    }

    /** A gauge holding the last recorded value. */
    Sensor gauge(String name, String description) {
        Sensor sensor = metrics.addSensor(prefix + name, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, GROUP, description, tags), new Value());
        return sensor;
    }

    void remove(Sensor... sensors) {
        for (Sensor s : sensors) {
            if (s != null) {
                metrics.removeSensor(s);
            }
        }
    }
}
