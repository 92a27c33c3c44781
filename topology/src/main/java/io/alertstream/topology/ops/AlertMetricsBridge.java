package io.alertstream.topology.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Publishes alertstream's own Kafka metrics (processors' sensors, per task) to a Micrometer registry under
 * the names of {@link AlertMetricNames}. Tasks come and go with rebalances and their sensors with them,
 * so {@link #refresh()} (called before every scrape) adds the metrics that appeared and removes those that
 * went: a scrape shows exactly what the instance holds at that moment, with no refresh period to wait for.
 */
public final class AlertMetricsBridge implements MeterBinder {
    private final Supplier<Map<MetricName, ? extends Metric>> source;
    private final Map<MetricName, Bound> bound = new HashMap<>();
    private MeterRegistry registry;

    private record Bound(Metric metric, Meter meter) {
    }

    public AlertMetricsBridge(Supplier<Map<MetricName, ? extends Metric>> source) {
        this.source = source;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        this.registry = registry;
        refresh();
    }

    /** Brings the registry in line with the metrics that exist now. */
    public synchronized void refresh() {
        if (registry == null) {
            return;
        }
        Map<MetricName, ? extends Metric> now = source.get();
        for (Iterator<Map.Entry<MetricName, Bound>> it = bound.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<MetricName, Bound> e = it.next();
            if (now.get(e.getKey()) != e.getValue().metric()) {
                registry.remove(e.getValue().meter());
                it.remove();
            }
        }
        for (Map.Entry<MetricName, ? extends Metric> e : now.entrySet()) {
            if (AlertMetricNames.isAlertstreamMetric(e.getKey()) && !bound.containsKey(e.getKey())) {
                bound.put(e.getKey(), new Bound(e.getValue(), register(e.getKey(), e.getValue())));
            }
        }
    }

    private Meter register(MetricName name, Metric metric) {
        AlertMetricNames.Mapped m = AlertMetricNames.map(name);
        String help = name.description();
        if (m.counter()) {
            return FunctionCounter.builder(m.meterName(), metric, k -> value(k, 1)).tags(m.tags()).description(help).register(registry);
        }
        double scale = m.scale();
        return Gauge.builder(m.meterName(), metric, k -> value(k, scale)).tags(m.tags()).description(help).register(registry);
    }

    private static double value(Metric metric, double scale) {
        Object v = metric.metricValue();
        return v instanceof Number n ? n.doubleValue() * scale : Double.NaN;
    }
}
