package io.alertstream.topology.digest;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.deadletter.DeadLetter;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.support.AlertMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: status changes and digest requests of the users this task owns, keyed by UserID (from the
 * {@code digest-by-user} repartition). Output: one {@link AlarmDigest} per request, and dead letters
 * for changes a full user cannot keep. All state is in two logged stores and every output is a
 * forwarded record, so under {@code exactly_once_v2} state and output commit in one transaction.
 *
 * <p><b>Status changes</b>: per (UserID, AlarmID) the change with the latest ChangedAt wins; one with
 * an older or equal ChangedAt changes nothing, so duplicates and reordering are harmless.
 * <b>Digest requests</b>: the digest lists the user's active alarms that no earlier digest reported in
 * their current status (see {@link AlarmState#pending()}), by LatestChangedAt then AlarmID, and marks
 * them reported; a request always yields exactly one digest, empty if nothing is new.
 *
 * <p><b>Purging CLEARED alarms: wall-clock punctuation</b>, every {@code alertstream.digest.purge.interval},
 * forgets CLEARED alarms whose ChangedAt is more than {@code alertstream.digest.cleared.retention}
 * before the current wall-clock time. Wall clock rather than stream time because (1) stream time only
 * moves when the task receives records, so a quiet task would keep expired state forever; (2) stream
 * time follows producer record timestamps of both topics, not ChangedAt, and one record stamped in the
 * far future would advance it for good and purge everything early; (3) measured against wall clock,
 * the retention means exactly "how late a message may arrive": a CLEARED is forgotten only once it is
 * older than the retention, and a message with an older ChangedAt for that alarm, arriving after that,
 * is taken as new (a stale WARNING would then show in the next digest). Messages delayed less than the
 * retention can never resurrect a cleared alarm. Active alarms are never purged; the per-user limit
 * ({@code alertstream.digest.max.alarms.per.user}, and {@link UserAlarms#MAX_STORED_BYTES} of them) keeps each
 * user's state and digest bounded: at the limit the
 * oldest CLEARED alarm is forgotten early, and with none a new alarm is dead-lettered.
 *
 * <p>Order: a digest reflects the changes that reached the repartition topic before its request. A change
 * and a request produced at nearly the same moment to the two input topics may land on either side of
 * each other; the change is then reported by the next digest.
 *
 * <p><b>Scheduled digests</b>: see {@link #sendScheduled} and {@link DigestSchedule}.
 */
final class DigestProcessor implements Processor<String, DigestInput, String, DigestOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(DigestProcessor.class);
    /** Bounds one punctuation, so a backlog of expired entries cannot stall processing; the rest waits. */
    private static final int MAX_PURGE_PER_RUN = 100_000;
    private static final int PURGE_BATCH = 1_000;
    private static final int REFUSALS_PER_WARNING = 1_000;

    private final DigestConfig config;
    private final RoutingCatalog routing;
    private ProcessorContext<String, DigestOutput> context;
    private KeyValueStore<String, UserAlarms> users;
    private ClearedIndex cleared;
    private AlertMetrics metrics;
    private Sensor stale;
    private Sensor rejected;
    private Sensor purged;
    private Sensor sent;
    private long refusedInTask;

    private DigestSchedule schedule;

    DigestProcessor(DigestConfig config, RoutingCatalog routing) {
        this.config = config;
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, DigestOutput> context) {
        this.context = context;
        this.users = context.getStateStore(StoreNames.DIGEST_USER_ALARMS);
        this.cleared = new ClearedIndex(context.getStateStore(StoreNames.DIGEST_CLEARED_INDEX));
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "digest-process");
        this.stale = metrics.total("digest-stale", "Status changes ignored because a change with a later or equal ChangedAt was seen");
        this.rejected = metrics.total("digest-dead-lettered", "Status changes dead-lettered because the user was at "
                + DigestConfig.MAX_ALARMS_PER_USER_CONFIG);
        this.purged = metrics.total("digest-purged", "CLEARED alarms forgotten after " + DigestConfig.CLEARED_RETENTION_CONFIG);
        this.sent = metrics.total("digest-sent", "Digests emitted (on request or by schedule)");
        this.schedule = new DigestSchedule(context.getStateStore(StoreNames.DIGEST_SCHEDULE));
        context.schedule(config.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purge);
        context.schedule(config.scheduleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::sendScheduled);
    }

    @Override
    public void process(Record<String, DigestInput> record) {
        if (record.value() instanceof StatusChange change) {
            apply(record, change);
        } else if (record.value() instanceof DigestRequest request) {
            digest(record, request);
        }
    }

    private void apply(Record<String, DigestInput> record, StatusChange change) {
        String userId = change.userId();
        UserAlarms user = users.get(userId);
        if (user == null) {
            user = new UserAlarms();
        }
        AlarmState previous = user.get(change.alarmId());
        if (previous != null && !change.changedAt().isAfter(previous.changedAt())) {
            stale.record(1);
            return;
        }
        if (previous == null && !makeRoom(userId, user, change.alarmId())) {
            refuse(record, change);
            return;
        }
        if (previous != null && previous.status() == AlarmStatus.CLEARED) {
            cleared.remove(previous.changedAt(), userId, change.alarmId());
        }
        if (change.status() == AlarmStatus.CLEARED) {
            cleared.add(change.changedAt(), userId, change.alarmId());
        }
        user.put(change.alarmId(), previous == null ? AlarmState.first(change) : previous.next(change));
        users.put(userId, user);
    }

    /**
     * Makes room for one more alarm by forgetting the user's oldest CLEARED alarms (several if the limit
     * was lowered since); false when the user is at the limit (alarm count, or {@link UserAlarms#MAX_STORED_BYTES})
     * with only active alarms.
     */
    private boolean makeRoom(String userId, UserAlarms user, String alarmId) {
        while (user.size() >= config.maxAlarmsPerUser() || !user.hasRoomFor(alarmId, config.maxIdLength())) {
            Map.Entry<String, AlarmState> oldest = user.oldestCleared();
            if (oldest == null) {
                return false;
            }
            user.remove(oldest.getKey());
            cleared.remove(oldest.getValue().changedAt(), userId, oldest.getKey());
        }
        return true;
    }

    private void refuse(Record<String, DigestInput> record, StatusChange change) {
        rejected.record(1);
        String message = "user " + MalformedInput.clip(change.userId()) + " is at " + DigestConfig.MAX_ALARMS_PER_USER_CONFIG + "="
                + config.maxAlarmsPerUser() + " or " + UserAlarms.MAX_STORED_BYTES + " bytes of alarms with only active alarms;"
                + " raise the first or shorten the ids to keep more";
        if (refusedInTask++ % REFUSALS_PER_WARNING == 0) { // a full user can receive many: warn now and then, count all
            LOG.warn("dead-lettering alarm {} from {}-{}@{}: {} ({} refused by task {} so far)", change.alarmId(),
                    header(record, DeadLetters.SOURCE_TOPIC), header(record, DeadLetters.SOURCE_PARTITION),
                    header(record, DeadLetters.SOURCE_OFFSET), message, refusedInTask, context.taskId());
        }
        byte[] key = change.userId().getBytes(StandardCharsets.UTF_8);
        context.forward(new Record<String, DigestOutput>(change.userId(), new DeadLetter(key, DigestJson.write(change)),
                record.timestamp(), DeadLetters.headers(new RecordHeaders(), "user-alarm-limit", message, DeadLetters.Source.carriedBy(record.headers()), null)));
    }

    private static String header(Record<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void digest(Record<String, DigestInput> record, DigestRequest request) {
        sendDigest(request.userId(), record.timestamp());
    }

    private void sendDigest(String userId, long timestamp) {
        UserAlarms user = users.get(userId);
        List<ActiveAlarm> alarms = user == null ? List.of() : user.takePending();
        if (!alarms.isEmpty()) {
            users.put(userId, user);
        }
        sent.record(1);
        context.forward(new Record<String, DigestOutput>(userId, new AlarmDigest(userId, alarms), timestamp, new RecordHeaders()));
    }

    /**
     * Scheduled digests: receivers of the routing file with a {@code digest_interval} get one digest per
     * slot, exactly as if a SendAlarmDigest had arrived. Only the task that holds a user's state sends it
     * (the store is partitioned by UserID), so a user without alarms (never seen, or all purged) gets none.
     */
    private void sendScheduled(long now) {
        Map<String, java.time.Duration> schedules = routing.current().digestSchedules();
        if (schedules.isEmpty()) {
            return;
        }
        for (String userId : schedule.due(schedules, now, u -> users.get(u) != null)) {
            sendDigest(userId, now);
        }
    }

    /** Forgets CLEARED alarms whose ChangedAt is before {@code now - retention}. */
    private void purge(long now) {
        Instant horizon = Instant.ofEpochMilli(now).minus(config.clearedRetention());
        int total = 0;
        List<ClearedIndex.Expired> batch;
        do {
            batch = cleared.expiredBefore(horizon, PURGE_BATCH);
            Map<String, UserAlarms> touched = new HashMap<>();
            for (ClearedIndex.Expired e : batch) {
                UserAlarms user = touched.computeIfAbsent(e.userId(), users::get);
                AlarmState alarm = user == null ? null : user.get(e.alarmId());
                if (alarm != null && alarm.status() == AlarmStatus.CLEARED && alarm.changedAt().instant().isBefore(horizon)) {
                    user.remove(e.alarmId());
                    purged.record(1);
                }
                cleared.remove(e);
            }
            touched.forEach((userId, user) -> { // users::get gave null for none: computeIfAbsent kept no entry
                if (user.isEmpty()) {
                    users.delete(userId);
                } else {
                    users.put(userId, user);
                }
            });
            total += batch.size();
        } while (batch.size() == PURGE_BATCH && total < MAX_PURGE_PER_RUN);
        if (total > 0) {
            LOG.debug("task {} purged {} expired CLEARED index entries (ChangedAt before {})", context.taskId(), total, horizon);
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
