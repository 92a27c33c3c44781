package io.alertstream.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.rules.Aggregation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A window's threshold read from its events: the latest event's (ties: the greatest value), the same
 * whether events come one by one or in merged partials, kept through every serialized form, and absent
 * (NaN) in the forms written before it existed.
 */
class WindowThresholdTest {

    private static FanOut.Match match(long t, double threshold) {
        return new FanOut.Match(t, 1, Double.NaN, 0, threshold);
    }

    @Test
    void shouldTakeTheLatestEventsThresholdAndTheGreatestOnATieInAnyOrder() {
        WindowAggregate forward = new WindowAggregate(0);
        WindowAggregate backward = new WindowAggregate(0);
        FanOut.Match[] matches = {match(1, 9), match(5, 2), match(5, 4), match(7, Double.NaN), match(3, 8)};
        for (FanOut.Match m : matches) {
            forward.add(Aggregation.COUNT, m);
        }
        for (int i = matches.length - 1; i >= 0; i--) {
            backward.add(Aggregation.COUNT, matches[i]);
        }
        assertThat(forward.threshold()).isEqualTo(4.0).isEqualTo(backward.threshold());
        assertThat(forward.count()).as("an event without a threshold still counts").isEqualTo(5);

        WindowAggregate a = new WindowAggregate(0);
        a.add(Aggregation.COUNT, match(5, 2));
        WindowAggregate b = new WindowAggregate(0);
        b.add(Aggregation.COUNT, match(5, 4));
        b.add(Aggregation.COUNT, match(1, 9));
        WindowAggregate merged = new WindowAggregate(0);
        merged.merge(Aggregation.COUNT, a);
        merged.merge(Aggregation.COUNT, b);
        assertThat(merged.threshold()).isEqualTo(4.0);
        assertThat(new WindowAggregate(0).threshold()).isNaN();
    }

    @Test
    void shouldKeepTheThresholdThroughGroupStateAndFanOutRecords() {
        AlertState s = new AlertState();
        s.openWindow(0).add(Aggregation.COUNT, match(3, 6));
        assertThat(AlertState.fromBytes(s.toBytes()).windows.get(0).threshold()).isEqualTo(6.0);

        FanOutSerde serde = new FanOutSerde();
        WindowAggregate partial = new WindowAggregate(0);
        partial.add(Aggregation.COUNT, match(3, 6));
        FanOut.Partial p = (FanOut.Partial) serde.deserialize("t", serde.serialize("t", new FanOut.Partial(0, 1, 3, partial)));
        assertThat(p.aggregate().threshold()).isEqualTo(6.0);
        assertThat(serde.deserialize("t", serde.serialize("t", match(3, 6)))).isEqualTo(match(3, 6));
    }

    @Test
    void shouldReadMatchesAndGroupStateWrittenBeforeThresholdsAsCarryingNone() throws Exception {
        byte[] oldMatch = ByteBuffer.allocate(29).put((byte) 1).putLong(3).putInt(1).putDouble(2.5).putLong(7).array();
        assertThat(new FanOutSerde().deserialize("t", oldMatch)).isEqualTo(new FanOut.Match(3, 1, 2.5, 7, Double.NaN));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(2);
        out.writeInt(42);
        out.writeByte(-1);
        out.writeLong(0L);
        out.writeInt(0);
        out.writeInt(0);
        out.writeLong(Long.MIN_VALUE);
        out.writeLong(Long.MIN_VALUE);
        out.writeInt(1);                  // one window, in the format before thresholds:
        out.writeLong(10_000L);           // start
        out.writeLong(4);                 // count
        out.writeDouble(0);               // sum
        out.writeDouble(Double.POSITIVE_INFINITY);
        out.writeDouble(Double.NEGATIVE_INFINITY);
        out.writeInt(-1);                 // no distinct set
        out.writeInt(-1);                 // no sketch
        WindowAggregate w = AlertState.fromBytes(bytes.toByteArray()).windows.get(0);
        assertThat(w.count()).isEqualTo(4);
        assertThat(w.threshold()).isNaN();
    }
}
