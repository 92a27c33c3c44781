package io.alertstream.topology.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * closes it, which removes its sensors. {@code alertstream run} publishes them to Prometheus as
 * {@code alertstream_<name with _ for ->} (see io.alertstream.topology.ops.AlertMetricNames), so a name
 * here is part of the product's interface: rename one and dashboards break.
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

    /**
     * A family of totals, one per combination of the given extra tags (a dead-letter reason; a rule, level and
     * status), created when first recorded. Tag values must come from a small set: a rule id is fine, a group
     * key never is.
     */
    public Totals totals(String name, String description, String... tagKeys) {
        return new Totals(name, description, tagKeys);
    }

    /** Totals of one name split by extra tags; see {@link AlertMetrics#totals}. */
    public final class Totals {
        private final String name;
        private final String description;
        private final String[] tagKeys;
        private final Map<List<String>, Sensor> byValues = new HashMap<>();

        private Totals(String name, String description, String[] tagKeys) {
            this.name = name;
            this.description = description;
            this.tagKeys = tagKeys.clone();
        }

        /** Adds {@code n} to the total of these tag values (in the order of the keys; null is recorded as "none"). */
        public void record(double n, String... tagValues) {
            List<String> values = new ArrayList<>(tagValues.length);
            for (String v : tagValues) {
                values.add(v == null ? "none" : v);
            }
            byValues.computeIfAbsent(values, this::sensor).record(n);
        }

        private Sensor sensor(List<String> values) {
            Map<String, String> all = new TreeMap<>(tags);
            StringBuilder sensorName = new StringBuilder(prefix).append(name);
            for (int i = 0; i < tagKeys.length; i++) {
                all.put(tagKeys[i], values.get(i));
                sensorName.append('.').append(tagKeys[i]).append('=').append(values.get(i));
            }
            Sensor sensor = metrics.addSensor(sensorName.toString(), Sensor.RecordingLevel.INFO);
            sensor.add(new MetricName(name + "-total", GROUP, description, all), new CumulativeSum());
            sensors.add(sensor);
            return sensor;
        }
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
