package io.alertstream.topology.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.digest.AlarmStatus;
import io.alertstream.topology.digest.ChangedAt;
import io.alertstream.topology.digest.StatusChange;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.processors.AlertMetrics;
import io.alertstream.topology.processors.RateLimitedLog;
import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingSpec;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: the {@code alerts} topic (JSON {@link Alert}). Output: for every route of the routing in force
 * that handles the alert, a {@link GroupedAlert} keyed {@code receiver|groupKey} (mode immediate) or a
 * {@link ToDigest} status change keyed by the receiver (mode digest). Stateless.
 *
 * <p>A FIRING alert whose level changed is also routed as it was at its previous level: a route that
 * took it then but not now gets it as <i>departed</i> (treated as resolved there), so a warnings route
 * is not left reminding of an alert that the critical route now handles. A RESOLVED alert is routed at
 * its previous level. Unreadable alerts are counted and logged (the digest bridge dead-letters them).
 */
final class NotificationRouter implements Processor<byte[], byte[], String, NotifyRouted> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationRouter.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final RoutingCatalog routing;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 60_000);
    private ProcessorContext<String, NotifyRouted> context;
    private AlertMetrics metrics;
    private Sensor unreadable;

    NotificationRouter(RoutingCatalog routing) {
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, NotifyRouted> context) {
        this.context = context;
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "notify-route");
        this.unreadable = metrics.total("notify-unreadable-alert", "Alerts the notification router could not read");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RoutingSpec spec = routing.current();
        if (spec.root() == null || record.value() == null) {
            return;
        }
        Alert alert = read(record);
        if (alert == null) {
            return;
        }
        boolean resolved = Alert.RESOLVED.equals(alert.status());
        String level = resolved ? alert.previousLevel() : alert.level();
        Map<String, String> labels = AlertLabels.of(alert);
        List<Route> now = spec.routesFor(labels, level);
        for (Route route : now) {
            forward(record, route, labels, alert, false);
        }
        if (!resolved && alert.previousLevel() != null && !alert.previousLevel().equals(alert.level())) {
            Set<String> current = new LinkedHashSet<>();
            now.forEach(r -> current.add(target(r, labels, alert)));
            for (Route before : spec.routesFor(labels, alert.previousLevel())) {
                if (!current.contains(target(before, labels, alert))) {
                    forward(record, before, labels, alert, true);
                }
            }
        }
    }

    private void forward(Record<byte[], byte[]> record, Route route, Map<String, String> labels, Alert alert, boolean departed) {
        if (route.mode() == Route.Mode.DIGEST) {
            AlarmStatus status = departed ? AlarmStatus.CLEARED : AlarmStatus.ofAlert(alert.status(), alert.level());
            ChangedAt at = changedAt(alert);
            if (status != null && at != null && alert.alertKey() != null) {
                StatusChange change = new StatusChange(route.receiver(), alert.alertKey(), status, at);
                context.forward(new Record<>(route.receiver(), (NotifyRouted) new ToDigest(change), record.timestamp()));
            }
            return;
        }
        GroupKeys.Key key = GroupKeys.of(route.groupBy(), labels, alert);
        GroupedAlert grouped = new GroupedAlert(route.receiver(), key.text(), key.labels(), GroupSettings.of(route), alert, departed);
        context.forward(new Record<>(grouped.groupId(), (NotifyRouted) grouped, record.timestamp()));
    }

    /** Where a route sends an alert: its receiver, mode and group. */
    private static String target(Route route, Map<String, String> labels, Alert alert) {
        return route.mode() + "|" + route.receiver() + "|" + GroupKeys.of(route.groupBy(), labels, alert).text();
    }

    private Alert read(Record<byte[], byte[]> record) {
        try {
            Alert alert = JSON.readValue(record.value(), Alert.class);
            if (alert != null && alert.alertKey() != null && alert.status() != null) {
                return alert;
            }
        } catch (IOException e) {
            // counted and logged below
        }
        unreadable.record(1);
        rateLimited.warn("unreadable", context.currentSystemTimeMs(), "Alert at {}-{}@{} cannot be routed: not a JSON alert "
                + "with alertKey and status", context.recordMetadata().map(m -> m.topic()).orElse("?"),
                context.recordMetadata().map(m -> m.partition()).orElse(-1), context.recordMetadata().map(m -> m.offset()).orElse(-1L));
        return null;
    }

    private static ChangedAt changedAt(Alert alert) {
        try {
            return alert.at() == null ? null : ChangedAt.parse(alert.at());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
