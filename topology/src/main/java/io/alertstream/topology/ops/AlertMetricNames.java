package io.alertstream.topology.ops;

import io.alertstream.topology.support.AlertMetrics;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;

/**
 * How alertstream's own Kafka metrics (group {@value AlertMetrics#GROUP}) are named for Prometheus, by one
 * rule so that every metric a processor adds is published and no name needs a table that could drift:
 * <ul>
 *   <li>{@code <name>-total} (a total that only grows) becomes the counter {@code alertstream_<name>_total};</li>
 *   <li>{@code <name>-ms} (a gauge in milliseconds) becomes the gauge {@code alertstream_<name>_seconds},
 *       in seconds as Prometheus expects;</li>
 *   <li>any other name becomes the gauge {@code alertstream_<name>};</li>
 * </ul>
 * with {@code -} as {@code _}. Tags: {@code task-id} becomes {@code task}, others keep their name with
 * {@code _} for {@code -} ({@code processor}, {@code reason}, {@code rule}, {@code level}, {@code status}).
 */
public final class AlertMetricNames {
    private AlertMetricNames() {
    }

    /** What a Kafka metric becomes: a Micrometer meter name (dots), its kind, the factor applied, its tags. */
    public record Mapped(String meterName, boolean counter, double scale, List<Tag> tags) {
        /** The name Prometheus shows (what dashboards and alert rules use). */
        public String prometheusName() {
            String base = meterName.replace('.', '_');
            return counter ? base + "_total" : base;
        }
    }

    public static boolean isAlertstreamMetric(MetricName name) {
        return AlertMetrics.GROUP.equals(name.group());
    }

    public static Mapped map(MetricName name) {
        String n = name.name();
        boolean counter = false;
        double scale = 1;
        String base = n;
        if (n.endsWith("-total")) {
            counter = true;
            base = n.substring(0, n.length() - "-total".length());
        } else if (n.endsWith("-ms")) {
            scale = 0.001;
            base = n.substring(0, n.length() - "-ms".length()) + "-seconds";
        }
        List<Tag> tags = new ArrayList<>();
        for (Map.Entry<String, String> t : name.tags().entrySet()) {
            tags.add(Tag.of(tagKey(t.getKey()), t.getValue()));
        }
        return new Mapped("alertstream." + base.replace('-', '.'), counter, scale, List.copyOf(tags));
    }

    static String tagKey(String kafkaTag) {
        return kafkaTag.equals("task-id") ? "task" : kafkaTag.replace('-', '_');
    }
}
