package io.alertstream.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.rules.Level;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** Group state written by an older version is read by this one: a rolling upgrade keeps its alerts. */
class GroupStateFormatTest {

    @Test
    void shouldReadFormatOneWrittenBeforeTheLastTransitionTimeWasKept() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeInt(42);                 // fingerprint
        out.writeByte(Level.CRITICAL.ordinal());
        out.writeLong(1_000L);            // firingSince
        out.writeInt(3);                  // warning streak
        out.writeInt(2);                  // critical streak
        out.writeLong(50_000L);           // last closed start
        out.writeInt(0);                  // no open windows

        AlertState s = AlertState.fromBytes(bytes.toByteArray());

        assertThat(s.fingerprint).isEqualTo(42);
        assertThat(s.level).isEqualTo(Level.CRITICAL);
        assertThat(s.firingSince).isEqualTo(1_000L);
        assertThat(s.warningStreak).isEqualTo(3);
        assertThat(s.criticalStreak).isEqualTo(2);
        assertThat(s.lastClosedStart).isEqualTo(50_000L);
        assertThat(s.lastTransitionAt).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldRoundTripTheCurrentFormat() {
        AlertState s = new AlertState();
        s.level = Level.WARNING;
        s.lastTransitionAt = 77L;
        s.openWindow(10_000L);
        AlertState back = AlertState.fromBytes(s.toBytes());
        assertThat(back.level).isEqualTo(Level.WARNING);
        assertThat(back.lastTransitionAt).isEqualTo(77L);
        assertThat(back.windows).extracting(WindowAggregate::start).containsExactly(10_000L);
    }
}
