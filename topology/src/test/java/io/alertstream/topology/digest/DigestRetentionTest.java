package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CLEARED alarms are forgotten once their ChangedAt is more than the retention before wall-clock time
 * (checked every purge interval); until then they keep protecting against late, older messages.
 * Wall clock starts at 2026-01-01T00:00:00Z; retention 1h, purge every minute.
 */
class DigestRetentionTest {
    private final DigestHarness harness = new DigestHarness(config("1h", "1m"));

    @AfterEach
    void close() {
        harness.close();
    }

    private static DigestConfig config(String retention, String interval) {
        Properties p = new Properties();
        p.setProperty(DigestConfig.CLEARED_RETENTION_CONFIG, retention);
        p.setProperty(DigestConfig.PURGE_INTERVAL_CONFIG, interval);
        return DigestConfig.from(p);
    }

    private UserAlarms stored(String userId) {
        return harness.driver().<String, UserAlarms>getKeyValueStore(StoreNames.DIGEST_USER_ALARMS).get(userId);
    }

    @Test
    void shouldKeepAClearedAlarmWithinRetentionSoALateOlderWarningChangesNothing() {
        harness.change("alice", "a1", "CLEARED", "2025-12-31T23:30:00Z");
        harness.advanceWallClock(Duration.ofMinutes(25)); // 00:25: horizon 23:25, the CLEARED is younger
        harness.change("alice", "a1", "WARNING", "2025-12-31T23:00:00Z");
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
        assertThat(stored("alice").get("a1").status()).isEqualTo(AlarmStatus.CLEARED);
    }

    @Test
    void shouldForgetAClearedAlarmAfterRetentionAfterWhichALateOlderMessageCountsAsNew() {
        harness.change("alice", "a1", "CLEARED", "2025-12-31T23:30:00Z");
        harness.change("alice", "a2", "CLEARED", "2025-12-31T23:59:00Z");
        harness.advanceWallClock(Duration.ofMinutes(31)); // 00:31: horizon 23:31, a1 expired, a2 not
        assertThat(stored("alice").view()).containsOnlyKeys("a2");
        assertThat(harness.storeSize(StoreNames.DIGEST_CLEARED_INDEX)).isEqualTo(1);

        // The documented bound: a message delayed beyond the retention is taken as new.
        harness.change("alice", "a1", "WARNING", "2025-12-31T23:00:00Z");
        assertThat(harness.digestFor("alice").activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("a1");
    }

    @Test
    void shouldDeleteTheUserOnceAllItsAlarmsArePurged() {
        harness.change("alice", "a1", "WARNING", "2025-12-31T23:00:00Z");
        harness.change("alice", "a1", "CLEARED", "2025-12-31T23:10:00Z");
        harness.advanceWallClock(Duration.ofMinutes(9));
        assertThat(stored("alice")).isNotNull();
        harness.advanceWallClock(Duration.ofMinutes(2)); // 00:11: horizon 23:11
        assertThat(stored("alice")).isNull();
        assertThat(harness.storeSize(StoreNames.DIGEST_USER_ALARMS)).isZero();
        assertThat(harness.storeSize(StoreNames.DIGEST_CLEARED_INDEX)).isZero();
    }

    @Test
    void shouldNeverPurgeActiveAlarms() {
        harness.change("alice", "a1", "WARNING", "2025-01-01T00:00:00Z");
        harness.change("alice", "a2", "CLEARED", "2025-01-01T00:00:00Z");
        harness.change("alice", "a2", "CRITICAL", "2025-01-01T00:00:01Z"); // no longer CLEARED: its index entry goes
        harness.advanceWallClock(Duration.ofHours(3));
        assertThat(stored("alice").view()).containsOnlyKeys("a1", "a2");
        assertThat(harness.storeSize(StoreNames.DIGEST_CLEARED_INDEX)).isZero();
        assertThat(harness.digestFor("alice").activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("a1", "a2");
    }

    @Test
    void shouldMeasureRetentionFromTheLatestClearedChangedAt() {
        harness.change("alice", "a1", "CLEARED", "2025-12-31T23:00:00Z");
        harness.change("alice", "a1", "CLEARED", "2025-12-31T23:50:00Z"); // newer CLEARED: retention restarts
        harness.advanceWallClock(Duration.ofMinutes(30));                  // horizon 23:30
        assertThat(stored("alice").get("a1").changedAt().text()).isEqualTo("2025-12-31T23:50:00Z");
        assertThat(harness.storeSize(StoreNames.DIGEST_CLEARED_INDEX)).isEqualTo(1);
        harness.advanceWallClock(Duration.ofMinutes(21));                  // horizon 23:51
        assertThat(stored("alice")).isNull();
    }

    @Test
    void shouldPurgeOnlyOnThePurgeInterval() {
        try (DigestHarness hourly = new DigestHarness(config("1h", "1h"))) {
            hourly.change("alice", "a1", "CLEARED", "2025-12-31T23:00:30Z");
            hourly.advanceWallClock(Duration.ofMinutes(59)); // expired at 00:00:30, but the next purge is at 01:00
            hourly.change("alice", "a1", "WARNING", "2025-12-31T23:00:00Z");
            assertThat(hourly.digestFor("alice").activeAlarms()).isEmpty();
            hourly.advanceWallClock(Duration.ofMinutes(1));
            hourly.change("alice", "a1", "WARNING", "2025-12-31T23:00:00Z");
            assertThat(hourly.digestFor("alice").activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("a1");
        }
    }
}
