package io.alertstream.topology.notify;

import io.alertstream.topology.deadletter.DeadLetter;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.digest.AlarmStatus;
import io.alertstream.topology.digest.ChangedAt;
import io.alertstream.topology.digest.StatusChange;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingSpec;
import io.alertstream.topology.routing.RuleRoutes;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.Level;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.sourcefile.YamlValues;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * {@link ToDigest} status change keyed by the receiver (mode digest). Stateless. Beside them, for every alert read,
 * a {@link FiringUpdate} of the global firing view keyed by alert key (what inhibition and {@code until: resolved}
 * silences consult), and for a resolution matched by an active silence a {@code silenced-alert-resolved}
 * {@link NoticeOut} to the silence's creator (here, because every transition passes the router exactly once; see {@link SilenceTap}).
 *
 * <p>A FIRING alert whose level changed is also routed as it was at its previous level: a route that
 * took it then but not now gets it as <i>departed</i> (treated as resolved there), so a warnings route
 * is not left reminding of an alert that the critical route now handles. A RESOLVED alert is routed at
 * its previous level. While a routing is in force, an alert that cannot be routed (not JSON, no
 * {@code alertKey} or {@code ruleId}, an unknown status or level, a null label, larger than
 * {@value AlertIntake#MAX_ALERT_BYTES} bytes) goes to the dead-letter topic with the reason in headers,
 * counted and logged rate-limited; long values are cut ({@link AlertIntake}). Never throws.
 */
final class NotificationRouter implements Processor<byte[], byte[], String, RouterOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationRouter.class);
    private final RoutingCatalog routing;
    private final RuleCatalog rules;
    private final SilenceTap silences;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 60_000);
    private ProcessorContext<String, RouterOutput> context;
    private AlertMetrics metrics;
    private Sensor unreadable;
    private Sensor trimmed;
    private Sensor routed;
    private Sensor unrouted;

    /** @param rules the rules in force, for the recipients of an alert's previous level (see {@link #route}) */
    NotificationRouter(RoutingCatalog routing, RuleCatalog rules, io.alertstream.topology.silence.SilenceCatalog silences) {
        this.routing = routing;
        this.rules = rules;
        this.silences = new SilenceTap(routing, silences);
    }

    @Override
    public void init(ProcessorContext<String, RouterOutput> context) {
        this.context = context;
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "notify-route");
        this.unreadable = metrics.total("notify-unreadable-alert", "Alerts the notification router could not read (sent to the dead-letter topic)");
        this.trimmed = metrics.total("notify-trimmed-alert", "Alerts whose long label, group or summary values were cut before routing");
        this.routed = metrics.total("notify-routed-alert", "Alerts sent on to at least one receiver (immediately or to a digest)");
        this.unrouted = metrics.total("notify-unrouted-alert", "Alerts read but sent to no receiver: no route with a receiver "
                + "took them, or their only routes were digests and their status or 'at' time could not be used");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RoutingSpec spec = routing.current();
        AlertIntake.Outcome in = AlertIntake.read(record.value());
        if (in.alert() == null) {
            deadLetter(record, in.errorType(), in.message());
            return;
        }
        if (in.trimmed()) {
            trimmed.record(1);
            rateLimited.warn("trimmed", context.currentSystemTimeMs(), "Alert {} at {} has label, group or summary values longer "
                    + "than {} characters; they were cut for routing and notifications", YamlValues.clip(in.alert().alertKey()),
                    where(), AlertIntake.MAX_VALUE_CHARS);
        }
        try {
            for (RouterOutput beside : silences.beside(in.alert(), context.currentSystemTimeMs())) {
                String key = beside instanceof FiringUpdate f ? f.alertKey() : ((NoticeOut) beside).notification().id();
                context.forward(new Record<>(key, beside, record.timestamp()));
            }
            (route(record, spec, in.alert()) > 0 ? routed : unrouted).record(1);
        } catch (org.apache.kafka.streams.errors.StreamsException e) {
            throw e; // from the framework downstream (a fenced producer, a failed send): its handlers decide
        } catch (RuntimeException e) {
            // Never fatal: a throw here would stop the stream thread, and a replacement dies again on the same record.
            deadLetter(record, "routing-failed", e.getClass().getSimpleName() + ": " + YamlValues.clip(String.valueOf(e.getMessage())));
        }
    }

    /**
     * The routing tree's routes for the alert, and beside them the routes its rule's owners and recipients
     * stand for ({@link RuleRoutes}): the owners and this level's recipients as the alert carries them (so a
     * deleted rule's resolution still reaches them), the previous level's recipients from the rule in force.
     * A target (mode, receiver, group) reached by several routes is told once.
     *
     * @return how many records were forwarded
     */
    private int route(Record<byte[], byte[]> record, RoutingSpec spec, Alert alert) {
        boolean resolved = Alert.RESOLVED.equals(alert.status());
        String level = AlertRouting.level(alert);
        Map<String, String> labels = AlertRouting.labels(alert);
        int forwarded = 0;
        Set<String> current = new LinkedHashSet<>();
        for (Route route : routesAt(spec, labels, alert, level, alert.recipients())) {
            if (current.add(target(route, labels, alert)) && forward(record, route, labels, alert, false)) {
                forwarded++;
            }
        }
        if (!resolved && alert.previousLevel() != null && !alert.previousLevel().equals(alert.level())) {
            Set<String> departed = new LinkedHashSet<>();
            for (Route before : routesAt(spec, labels, alert, alert.previousLevel(), previousRecipients(alert))) {
                String target = target(before, labels, alert);
                if (!current.contains(target) && departed.add(target) && forward(record, before, labels, alert, true)) {
                    forwarded++;
                }
            }
        }
        return forwarded;
    }

    private static List<Route> routesAt(RoutingSpec spec, Map<String, String> labels, Alert alert, String level,
                                        List<String> recipients) {
        List<Route> routes = new ArrayList<>(AlertRouting.fileRoutes(spec, labels, level));
        routes.addAll(RuleRoutes.owners(alert.ruleId(), alert.owners()));
        routes.addAll(RuleRoutes.recipients(alert.ruleId(), level, recipients, spec.root()));
        return routes;
    }

    /** Who the rule tells at the alert's previous level; the alert itself carries only its current level's list. */
    private List<String> previousRecipients(Alert alert) {
        CompiledRule rule = rules.current().byId().get(alert.ruleId());
        Level previous = Level.fromLabel(alert.previousLevel());
        return rule == null || previous == null ? List.of() : rule.spec().recipientsFor(previous);
    }

    /** @return whether a record was forwarded */
    private boolean forward(Record<byte[], byte[]> record, Route route, Map<String, String> labels, Alert alert, boolean departed) {
        if (route.receiver() == null) {
            return false; // a routing root without a receiver takes what its children leave, and tells no one
        }
        if (route.mode() == Route.Mode.DIGEST) {
            AlarmStatus status = departed ? AlarmStatus.CLEARED : AlarmStatus.ofAlert(alert.status(), alert.level());
            ChangedAt at = changedAt(alert);
            if (status != null && at != null && alert.alertKey() != null) {
                StatusChange change = new StatusChange(route.receiver(), alert.alertKey(), status, at);
                context.forward(new Record<>(route.receiver(), (RouterOutput) new ToDigest(change), record.timestamp()));
                return true;
            }
            return false;
        }
        NotificationGroupKey.Key key = NotificationGroupKey.of(route.groupBy(), labels, alert);
        GroupedAlert grouped = new GroupedAlert(route.receiver(), key.text(), key.labels(), GroupSettings.of(route), alert, departed,
                route.lifecycle().isNone() ? null : route.path());
        context.forward(new Record<>(grouped.groupId(), (RouterOutput) grouped, record.timestamp()));
        return true;
    }

    /** Where a route sends an alert: its receiver, mode and group. */
    private static String target(Route route, Map<String, String> labels, Alert alert) {
        return route.mode() + "|" + route.receiver() + "|" + NotificationGroupKey.of(route.groupBy(), labels, alert).text();
    }

    private void deadLetter(Record<byte[], byte[]> record, String type, String message) {
        unreadable.record(1);
        rateLimited.warn(type, context.currentSystemTimeMs(), "Alert at {} cannot be routed ({}): {}; sent to the dead-letter topic",
                where(), type, message);
        Record<String, DeadLetter> dead = DeadLetters.record(context, record, null, record.key(), record.value(), type, message, null);
        context.forward(dead.withValue((RouterOutput) dead.value()));
    }

    /** The record's coordinates, for logs: {@code topic-partition@offset}. */
    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
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
