package io.alertstream.topology.processors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.TaskId;

/**
 * alertstream's own metrics, per task and processor, in group {@code alertstream-metrics} beside the
 * Streams metrics (visible over JMX and {@code KafkaStreams#metrics()}): totals such as
 * {@code dead-lettered-total}, {@code dropped-late-total}, {@code filter-errors-total}, and gauges
 * such as {@code watermark-lag-ms}. Every processor that records metrics owns one instance and
 * closes it, which removes its sensors.
 */
public final class AlertMetrics {
    public static final String GROUP = "alertstream-metrics";
    private final StreamsMetrics metrics;
    private final String prefix;
    private final Map<String, String> tags;
    private final List<Sensor> sensors = new ArrayList<>();

    public AlertMetrics(StreamsMetrics metrics, TaskId task, String processor) {
        this.metrics = metrics;
        this.prefix = "alertstream." + task + "." + processor + ".";
        this.tags = Map.of("task-id", task.toString(), "processor", processor);
    }

    /** A total that only grows, published as {@code <name>-total}. */
    public Sensor total(String name, String description) {
        Sensor sensor = metrics.addSensor(prefix + name, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name + "-total", GROUP, description, tags), new CumulativeSum());
        sensors.add(sensor);
        return sensor;
    }

    /** A gauge holding the last recorded value. */
    public Sensor gauge(String name, String description) {
        Sensor sensor = metrics.addSensor(prefix + name, Sensor.RecordingLevel.INFO);
        sensor.add(new MetricName(name, GROUP, description, tags), new Value());
        sensors.add(sensor);
        return sensor;
    }

    /** Removes the given sensors (all of them: {@link #close()}). */
    public void remove(Sensor... toRemove) {
        for (Sensor s : toRemove) {
            if (s != null && sensors.remove(s)) {
                metrics.removeSensor(s);
            }
        }
    }

    /** Removes every sensor this instance created. */
    public void close() {
        sensors.forEach(metrics::removeSensor);
        sensors.clear();
    }
}
