package io.alertstream.topology.notify;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.Receiver;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: alerts of the notification groups this task owns, keyed {@code receiver|groupKey} (from the
 * {@code notify-by-group} repartition). Output: {@link Notification}s, one per channel of the receiver.
 * State: the groups ({@code notify-groups}) and when each is due ({@code notify-due-index}); every output
 * is forwarded from here, so under {@code exactly_once_v2} state and notifications commit together.
 *
 * <p>Alertmanager's timing, on the wall clock (notifications are about now, not about event time):
 * a new group waits {@code group_wait} so that alerts firing together go out in one message; after a
 * notification, news of the group (a new firing alert, a level change, a resolution with
 * {@code send_resolved}) waits until {@code group_interval} has passed since it; alerts still firing are
 * told again after {@code repeat_interval}. A notification lists the group's firing alerts, plus its newly
 * resolved ones when {@code send_resolved}. Nothing is told twice unless it changed: each alert remembers
 * what the receiver was last told, a replayed or duplicate transition changes nothing, and a transition
 * older than the one held (by {@code at}) is ignored. Resolved alerts leave the group once flushed; an
 * empty group is deleted.
 *
 * <p>Silences and inhibitions ({@link Suppression}) are applied at each flush: a firing alert they hold back is
 * left out of the notification and keeps what its receiver was last told, so it stays in its group and is news
 * when they stop only if it changed meanwhile (or was never told). The groups a suppressor holds alerts of are
 * kept in {@code notify-suppressed-index}; each check, suppressors that stopped holding put their groups in the
 * due index. A resolution of an alert the receiver was told fires is told, silenced or not.
 *
 * <p>Bounded: a group holds at most {@code max.alerts.per.group} alerts and {@code max.group.bytes} of them
 * (new alerts beyond are not listed: counted in the metric and in {@code omittedAlerts} while they fire, and logged
 * rate-limited), and a notification lists at most {@code max.alerts.per.notification} alerts, news first, with the
 * rest counted in {@code omittedAlerts}.
 */
final class NotificationGrouper implements Processor<String, GroupedAlert, String, Notification> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationGrouper.class);
    private static final int MAX_FLUSH_PER_RUN = 10_000;
    private final NotifyConfig config;
    private final RoutingCatalog routing;
    private final Suppression suppression;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 60_000);
    private ProcessorContext<String, Notification> context;
    private KeyValueStore<String, NotificationGroup> groups;
    private DueIndex due;
    private SuppressedIndex suppressed;
    private AlertMetrics metrics;
    private Sensor sent;
    private Sensor dropped;
    private Sensor truncated;
    private Sensor held;

    NotificationGrouper(NotifyConfig config, RoutingCatalog routing, Suppression suppression) {
        this.config = config;
        this.routing = routing;
        this.suppression = suppression;
    }

    @Override
    public void init(ProcessorContext<String, Notification> context) {
        this.context = context;
        this.groups = context.getStateStore(StoreNames.NOTIFY_GROUPS);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(StoreNames.NOTIFY_DUE);
        this.due = new DueIndex(index);
        this.suppressed = new SuppressedIndex(context.getStateStore(StoreNames.NOTIFY_SUPPRESSED));
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "notify-group");
        this.sent = metrics.total("notify-sent", "Notification records emitted (one per channel)");
        this.dropped = metrics.total("notify-dropped", "Alerts not notified because their group was at "
                + NotifyConfig.MAX_ALERTS_PER_GROUP_CONFIG + " or " + NotifyConfig.MAX_GROUP_BYTES_CONFIG
                + ", or their receiver was removed");
        this.truncated = metrics.total("notify-truncated", "Notifications whose alert list was cut to "
                + NotifyConfig.MAX_ALERTS_PER_NOTIFICATION_CONFIG + " (the rest counted in omittedAlerts)");
        this.held = metrics.total("notify-suppressed-alert", "Firing alerts left out of a notification because a silence or an "
                + "inhibition held them back");
        context.schedule(config.checkInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            recheckSuppressed(now);
            flushDue(now);
        });
    }

    @Override
    public void process(Record<String, GroupedAlert> record) {
        GroupedAlert in = record.value();
        long now = context.currentSystemTimeMs();
        String state = NotificationGroup.stateOf(in.alert(), in.departed());
        NotificationGroup group = groups.get(record.key());
        if (group == null) {
            if (!state.startsWith(Alert.FIRING)) {
                return; // a resolution of an alert this group never held: nothing to tell
            }
            group = open(in, now);
        }
        group.settings = in.settings();
        group.groupLabels = in.groupLabels();
        NotificationGroup.Entry entry = group.alerts.get(in.alert().alertKey());
        if (entry == null) {
            if (!state.startsWith(Alert.FIRING)) {
                if (!group.overflow.isEmpty() && group.overflow.remove(NotificationGroup.overflowHash(in.alert().alertKey()))) {
                    groups.put(record.key(), group); // one fewer to count as omitted; never told, so nothing to tell
                }
                return;
            }
            if (group.alerts.size() >= config.maxAlertsPerGroup()) {
                drop(record.key(), group, in, now, group.alerts.size() + " alerts (" + NotifyConfig.MAX_ALERTS_PER_GROUP_CONFIG + ")");
                return;
            }
            int bytes = AlertSize.of(in.alert());
            if (group.alertBytes() + bytes > config.maxGroupBytes()) {
                drop(record.key(), group, in, now, group.alertBytes() + " bytes of alerts (" + NotifyConfig.MAX_GROUP_BYTES_CONFIG + ")");
                return;
            }
            if (!group.overflow.isEmpty()) {
                group.overflow.remove(NotificationGroup.overflowHash(in.alert().alertKey()));
            }
            entry = new NotificationGroup.Entry();
            group.alerts.put(in.alert().alertKey(), entry);
        } else if (in.alert().happenedBefore(entry.alert)) {
            return;
        }
        entry.alert = in.departed() ? departed(in.alert()) : in.alert();
        // An alert already held is updated even if it grew: the group overshoots its byte bound by at most one
        // alert (at most AlertIntake.MAX_ALERT_BYTES), and dropping the news of a held alert would be worse.
        entry.bytes = AlertSize.of(entry.alert);
        entry.state = state;
        if (entry.news()) {
            group.remindFrom = now; // what was told before it is not reminded of at once
            long at = group.lastSentAt == 0 ? group.createdAt + group.settings.groupWaitMs()
                    : Math.max(now, group.lastSentAt + group.settings.groupIntervalMs());
            reschedule(group, Math.min(at, group.nextFlushAt == 0 ? Long.MAX_VALUE : group.nextFlushAt));
        }
        groups.put(record.key(), group);
    }

    /** Keeps a firing alert out of a full group: counted (metric, and the group's omitted count), logged, not listed. */
    private void drop(String groupId, NotificationGroup group, GroupedAlert in, long now, String full) {
        dropped.record(1);
        rateLimited.warn("full:" + groupId, now, "Notification group {} holds {}: alert {} is not listed (counted in omittedAlerts); "
                + "narrow group_by to split the group", groupId, full, in.alert().alertKey());
        if (group.overflow.size() < config.maxAlertsPerGroup() && group.overflow.add(NotificationGroup.overflowHash(in.alert().alertKey()))) {
            groups.put(groupId, group);
        }
    }

    private NotificationGroup open(GroupedAlert in, long now) {
        NotificationGroup group = new NotificationGroup();
        group.epoch = in.alert().id();
        group.receiver = in.receiver();
        group.groupKey = in.groupKey();
        group.createdAt = now;
        return group;
    }

    private void reschedule(NotificationGroup group, long at) {
        String id = NotificationGroupKey.groupId(group.receiver, group.groupKey);
        if (group.nextFlushAt != 0) {
            due.remove(group.nextFlushAt, id);
        }
        group.nextFlushAt = at;
        if (at != 0) {
            due.add(at, id);
        }
    }

    /**
     * Puts the groups of every suppressor that no longer holds (a silence ended or was expired, an inhibiting alert
     * resolved) into the due index, so what it held back is told at the group's next slot.
     */
    private void recheckSuppressed(long now) {
        for (String id : suppressed.released(s -> suppression.holds(s, now), MAX_FLUSH_PER_RUN)) {
            NotificationGroup group = groups.get(id);
            if (group == null) {
                continue;
            }
            group.remindFrom = now; // what was told before it is not reminded of at once
            long at = group.lastSentAt == 0 ? group.createdAt + group.settings.groupWaitMs()
                    : group.lastSentAt + group.settings.groupIntervalMs();
            at = Math.max(now, at);
            if (group.nextFlushAt == 0 || at < group.nextFlushAt) {
                reschedule(group, at);
            }
            groups.put(id, group);
        }
    }

    private void flushDue(long now) {
        due.drain(now, 1_000, MAX_FLUSH_PER_RUN, (id, at) -> {
            NotificationGroup group = groups.get(id);
            if (group != null && group.nextFlushAt == at) { // else an older schedule, superseded since
                group.nextFlushAt = 0;
                flush(id, group, now);
            }
        });
    }

    private void flush(String id, NotificationGroup group, long now) {
        Receiver receiver = routing.current().receiver(group.receiver);
        if (receiver == null) {
            dropped.record(group.alerts.size());
            LOG.warn("Receiver '{}' is no longer in the routing: notification group {} with {} alerts is dropped",
                    group.receiver, group.groupKey, group.alerts.size());
            groups.delete(id);
            return;
        }
        List<Alert> firing = new ArrayList<>();
        List<Alert> resolvedNews = new ArrayList<>();
        Set<Alert> news = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        boolean firingNews = false;
        for (NotificationGroup.Entry e : group.alerts.values()) {
            // Only firing alerts are held back: a receiver told that an alert fires is told when it resolves.
            e.suppressedBy = e.firing() ? suppression.of(e.alert, now) : null;
            if (e.suppressedBy != null && e.suppressedBy.isEmpty()) {
                e.suppressedBy = null;
            }
            if (e.suppressedBy != null) {
                e.suppressedBy.forEach(s -> suppressed.add(s, id));
                held.record(1);
                continue;
            }
            if (e.news()) {
                news.add(e.alert);
            }
            if (e.firing()) {
                firing.add(e.alert);
                firingNews |= e.news();
            } else if (e.news() && group.settings.sendResolved()) {
                resolvedNews.add(e.alert);
            }
        }
        String kind = null;
        if (firingNews || !resolvedNews.isEmpty()) {
            kind = firing.isEmpty() ? "resolved" : "firing";
        } else if (!firing.isEmpty() && group.lastSentAt > 0 && now >= remindAt(group)) {
            kind = "repeat";
        }
        if (kind != null) {
            List<Alert> alerts = new ArrayList<>(firing);
            alerts.addAll(resolvedNews);
            int omitted = Math.max(0, alerts.size() - config.maxAlertsPerNotification());
            if (omitted > 0) {
                // News first (stable sort), so that what changed is still told when the list is cut.
                alerts.sort(java.util.Comparator.comparing(a -> !news.contains(a)));
                alerts = new ArrayList<>(alerts.subList(0, config.maxAlertsPerNotification()));
                truncated.record(1);
                rateLimited.warn("truncated:" + id, now, "Notification for group {} lists {} of its alerts ({}); {} more are "
                        + "counted in omittedAlerts", id, alerts.size(), NotifyConfig.MAX_ALERTS_PER_NOTIFICATION_CONFIG, omitted);
            }
            omitted += group.overflow.size(); // firing, but kept out of the group by its bounds
            group.sequence++;
            String baseId = NotificationFactory.id("group", group.receiver, group.groupKey, group.epoch, Long.toString(group.sequence));
            for (Notification n : NotificationFactory.forReceiver(receiver, baseId, kind, group.groupKey, group.groupLabels, now,
                    alerts, omitted)) {
                context.forward(new Record<>(n.id(), n, now));
                sent.record(1);
            }
            group.lastSentAt = now;
            group.alerts.values().stream().filter(e -> e.suppressedBy == null).forEach(e -> e.told = e.state);
        }
        group.alerts.values().removeIf(e -> !e.firing());
        if (group.alerts.isEmpty()) {
            groups.delete(id);
            return;
        }
        // When nothing could be told (every firing alert held back), the next reminder slot is a repeat interval from now,
        // not a past one: a group under a long silence must not be flushed at every check.
        long next = remindAt(group);
        reschedule(group, next > now ? next : now + group.settings.repeatIntervalMs());
        groups.put(id, group);
    }

    private static long remindAt(NotificationGroup group) {
        return Math.max(group.lastSentAt, group.remindFrom) + group.settings.repeatIntervalMs();
    }

    /** How a receiver sees an alert that moved to another route: resolved here, at the level it had. */
    private static Alert departed(Alert a) {
        return new Alert(a.id(), a.alertKey(), a.ruleId(), Alert.RESOLVED, null, a.previousLevel(), a.group(), a.value(),
                a.threshold(), a.window(), a.startsAt(), a.at(), a.summary(), a.labels(), a.owners(), a.recipients());
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
