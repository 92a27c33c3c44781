package io.alertstream.topology.notify;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RouteLifecycle;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.support.AlertMetrics;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Flapping and escalation, between the router and the grouper. Input: the router's immediate
 * {@link GroupedAlert}s, keyed {@code receiver|groupKey}, in the task of the alert's partition of
 * {@code alerts} (so one alert's transitions always meet the same state). Output: the same records, held
 * or marked while an alert flaps, plus copies for escalation receivers, keyed by their own group; the
 * grouper then groups and deduplicates them like any other. Alerts of routes without {@code flapping}
 * or {@code escalate} pass untouched. State: {@link AlertLifecycle} per target and alert
 * ({@code notify-lifecycle}) and a due index ({@code notify-lifecycle-due-index}), both logged; every
 * output is forwarded from here, so under exactly-once state and output commit together and a restart
 * neither loses a pending escalation nor repeats one. Acknowledgements are read from the global
 * {@code notify-acks} store.
 *
 * <p><b>Flapping</b> (wall clock): a state change (FIRING at a level, RESOLVED) is recorded; when more than
 * {@code changes} fall within {@code within}, the transition is sent once marked {@code flapping: true} and
 * later ones are held until none came for {@code settle}; then the latest is sent unmarked (the grouper
 * tells it if the receiver was told otherwise) and the count starts over.
 *
 * <p><b>Escalation</b>: an alert firing on the route since {@code firedAt} (first seen firing in this
 * episode, i.e. with this {@code startsAt}) gets step i sent to its receiver at {@code firedAt + after_i},
 * unless the latest ack of the alert names this episode. Escalation receivers then hear of every change
 * of the alert until its resolution. A resolution (or the alert leaving the route) clears what is
 * pending; a new FIRING after it is a new episode: steps start over and an earlier ack does not count.
 */
final class AlertLifecycleStage implements Processor<String, GroupedAlert, String, GroupedAlert> {
    private static final int MAX_DUE_PER_RUN = 10_000;
    private final NotifyConfig config;
    private final RoutingCatalog routing;
    private final LifecycleRoutes routes = new LifecycleRoutes();
    private ProcessorContext<String, GroupedAlert> context;
    private KeyValueStore<String, AlertLifecycle> store;
    private KeyValueStore<String, String> acks;
    private DueIndex due;
    private AlertMetrics metrics;
    private Sensor flapping;
    private Sensor escalated;
    private Sensor acknowledged;

    AlertLifecycleStage(NotifyConfig config, RoutingCatalog routing) {
        this.config = config;
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, GroupedAlert> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.NOTIFY_LIFECYCLE);
        this.acks = context.getStateStore(StoreNames.NOTIFY_ACKS);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(StoreNames.NOTIFY_LIFECYCLE_DUE);
        this.due = new DueIndex(index);
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "notify-lifecycle");
        this.flapping = metrics.total("notify-flapping", "Alerts found flapping on a route (one flapping notice each)");
        this.escalated = metrics.total("notify-escalated", "Escalations sent: an alert firing unacknowledged told to an escalation receiver");
        this.acknowledged = metrics.total("notify-escalation-acknowledged", "Escalations not sent because the alert was acknowledged");
        context.schedule(config.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::runDue);
    }

    @Override
    public void process(Record<String, GroupedAlert> record) {
        GroupedAlert in = record.value();
        Route route = in.route() == null ? null : routes.find(routing.current(), in.route(), in.receiver());
        if (route == null) {
            forward(withoutRoute(in), record.timestamp()); // no flapping or escalation (a stale entry is cleaned when due)
            return;
        }
        long now = context.currentSystemTimeMs();
        String key = AlertLifecycle.key(in.groupId(), in.alert().alertKey());
        AlertLifecycle s = store.get(key);
        if (s == null) {
            s = new AlertLifecycle();
            s.route = in.route();
        } else if (s.alert != null && (java.util.Objects.equals(s.alert.id(), in.alert().id()) || in.alert().happenedBefore(s.alert))) {
            if (!s.flapping) {
                forward(withoutRoute(in), record.timestamp()); // a replay or a late transition: the grouper ignores it
            }
            return;
        }
        s.receiver = in.receiver();
        s.groupKey = in.groupKey();
        s.groupLabels = in.groupLabels();
        s.settings = in.settings();
        String state = NotificationGroup.stateOf(in.alert(), in.departed());
        boolean changed = !state.equals(s.state);
        s.alert = in.alert();
        s.departed = in.departed();
        s.state = state;
        RouteLifecycle.Flapping f = route.lifecycle().flapping();
        if (f != null && changed) {
            s.changes.add(now);
            prune(s, f, now);
        }
        if (f != null && s.flapping) {
            if (changed) {
                s.settleAt = now + f.settle().toMillis(); // held: the flapping notice told already
            }
        } else if (f != null && s.changes.size() > f.changes()) {
            s.flapping = true;
            s.settleAt = now + f.settle().toMillis();
            flapping.record(1);
            emit(route, s, s.alert.asFlapping(), now);
        } else {
            emit(route, s, s.alert, now);
        }
        trackEpisode(route, s, now);
        save(key, s);
    }

    /** Starts escalation for a new firing episode; a resolution (or departure) ends the episode. */
    private static void trackEpisode(Route route, AlertLifecycle s, long now) {
        List<RouteLifecycle.Escalation> steps = route.lifecycle().escalate();
        if (!s.firing()) {
            s.episode = null;
            s.escalateAt = 0;
            s.nextStep = 0;
        } else if (!steps.isEmpty() && !String.valueOf(s.alert.startsAt()).equals(s.episode)) {
            s.episode = String.valueOf(s.alert.startsAt());
            s.firedAt = now;
            s.nextStep = 0;
            s.escalateAt = now + steps.get(0).after().toMillis();
        }
    }

    /** Sends {@code alert} to the route's receiver and to every escalation receiver already told; a resolution ends their watch. */
    private void emit(Route route, AlertLifecycle s, Alert alert, long timestamp) {
        forward(new GroupedAlert(s.receiver, s.groupKey, s.groupLabels, s.settings, alert, s.departed), timestamp);
        for (String receiver : s.escalatedTo) {
            forward(escalation(route, s, receiver, alert), timestamp);
        }
        if (!s.firing()) {
            s.escalatedTo.clear();
        }
    }

    private static GroupedAlert escalation(Route route, AlertLifecycle s, String receiver, Alert alert) {
        NotificationGroupKey.Key key = NotificationGroupKey.of(route.groupBy(), AlertRouting.labels(alert), alert);
        return new GroupedAlert(receiver, key.text(), key.labels(), GroupSettings.of(route), alert, s.departed);
    }

    /** The grouper does not need the route: without it, {@code notify-by-group} records are as before this stage. */
    private static GroupedAlert withoutRoute(GroupedAlert in) {
        return in.route() == null ? in : new GroupedAlert(in.receiver(), in.groupKey(), in.groupLabels(), in.settings(), in.alert(),
                in.departed());
    }

    private void forward(GroupedAlert out, long timestamp) {
        context.forward(new Record<>(out.groupId(), out, timestamp));
    }

    private void runDue(long now) {
        due.drain(now, 1_000, MAX_DUE_PER_RUN, (key, at) -> {
            AlertLifecycle s = store.get(key);
            if (s != null && s.dueAt == at) { // else an older schedule, superseded since
                s.dueAt = 0;
                onDue(key, s, now);
            }
        });
    }

    private void onDue(String key, AlertLifecycle s, long now) {
        Route route = routes.find(routing.current(), s.route, s.receiver);
        if (route == null) {
            // The route is gone, or has neither flapping nor escalation now: tell what was held, then forget.
            if (s.flapping) {
                s.flapping = false;
                forward(new GroupedAlert(s.receiver, s.groupKey, s.groupLabels, s.settings, s.alert, s.departed), now);
            }
            store.delete(key);
            return;
        }
        RouteLifecycle.Flapping f = route.lifecycle().flapping();
        if (s.flapping && (f == null || s.settleAt <= now)) {
            s.flapping = false;
            s.changes.clear();
            emit(route, s, s.alert, now); // settled: its current state, told normally
        }
        if (f == null) {
            s.changes.clear();
        } else {
            prune(s, f, now);
        }
        List<RouteLifecycle.Escalation> steps = route.lifecycle().escalate();
        while (s.escalateAt != 0 && s.escalateAt <= now) {
            if (s.nextStep >= steps.size()) {
                s.escalateAt = 0; // the route now has fewer steps
                break;
            }
            Ack ack = AckStoreUpdater.read(acks, s.alert.alertKey());
            if (ack != null && ack.covers(s.episode)) {
                acknowledged.record(1);
                s.escalateAt = 0;
                break;
            }
            String receiver = steps.get(s.nextStep).receiver();
            if (!s.escalatedTo.contains(receiver) && !receiver.equals(s.receiver)) {
                s.escalatedTo.add(receiver);
                escalated.record(1);
                forward(escalation(route, s, receiver, s.flapping ? s.alert.asFlapping() : s.alert), now);
            }
            s.nextStep++;
            s.escalateAt = s.nextStep < steps.size() ? s.firedAt + steps.get(s.nextStep).after().toMillis() : 0;
        }
        save(key, s);
    }

    private static void prune(AlertLifecycle s, RouteLifecycle.Flapping f, long now) {
        long from = now - f.within().toMillis();
        s.changes.removeIf(t -> t <= from);
        while (s.changes.size() > f.changes() + 1) {
            s.changes.remove(0); // only "more than changes" matters: the list stays bounded
        }
    }

    /** Puts the state back with its next due time (settle, escalation, or forgetting old changes), or deletes it when idle. */
    private void save(String key, AlertLifecycle s) {
        Route route = routes.find(routing.current(), s.route, s.receiver);
        RouteLifecycle.Flapping f = route == null ? null : route.lifecycle().flapping();
        long next = Long.MAX_VALUE;
        if (s.flapping) {
            next = s.settleAt;
        }
        if (s.escalateAt != 0) {
            next = Math.min(next, s.escalateAt);
        }
        if (f != null && !s.changes.isEmpty()) {
            next = Math.min(next, s.changes.get(s.changes.size() - 1) + f.within().toMillis() + 1);
        }
        if (s.dueAt != 0 && (s.dueAt != next || s.idle())) {
            due.remove(s.dueAt, key);
            s.dueAt = 0;
        }
        if (s.idle()) {
            store.delete(key);
            return;
        }
        if (next != Long.MAX_VALUE && s.dueAt != next) {
            s.dueAt = next;
            due.add(next, key);
        }
        store.put(key, s);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
