package io.alertstream.topology.model;

import io.alertstream.topology.rules.Level;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything alertstream keeps for one group of an absence rule (key {@code ruleId|groupKey}): the
 * event times not yet judged, as <b>runs</b> (first and last event time of events less than
 * {@code for} apart; two runs are at least {@code for} apart, which is a silence), and the alert's state.
 * A few dozen bytes for a group that reports steadily: one run. Mutable, like {@link AlertState}.
 */
public final class AbsenceState {
    /** Which rule definition the runs were built with; see CompiledRule#stateFingerprint. */
    public int fingerprint;
    /** Runs in time order, each {first, last}; never empty once the group has reported. */
    public final List<long[]> runs = new ArrayList<>();
    /** The level while firing, else null. */
    public Level level;
    /** While firing: the last event time before the silence (the alert's window starts there). */
    public long silentFrom = Long.MIN_VALUE;
    /** Event time at which the alert last went from OK to firing. */
    public long firingSince;
    /** The {@code at} of the last transition emitted, Long.MIN_VALUE before any (see AlertState). */
    public long lastTransitionAt = Long.MIN_VALUE;
    /** The watermark at which the group's entry in the due index lies, Long.MIN_VALUE when it has none. */
    public long due = Long.MIN_VALUE;

    /** The newest event time known, Long.MIN_VALUE before any. */
    public long lastEventTime() {
        long last = Long.MIN_VALUE;
        for (long[] r : runs) {
            last = Math.max(last, r[1]);
        }
        return last;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(48 + runs.size() * 16);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(1); // format version
            out.writeInt(fingerprint);
            out.writeByte(level == null ? -1 : level.ordinal());
            out.writeLong(silentFrom);
            out.writeLong(firingSince);
            out.writeLong(lastTransitionAt);
            out.writeLong(due);
            out.writeInt(runs.size());
            for (long[] r : runs) {
                out.writeLong(r[0]);
                out.writeLong(r[1]);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AbsenceState fromBytes(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != 1) {
                throw new IllegalStateException("unknown absence state format " + version);
            }
            AbsenceState s = new AbsenceState();
            s.fingerprint = in.readInt();
            byte level = in.readByte();
            s.level = level < 0 ? null : Level.values()[level];
            s.silentFrom = in.readLong();
            s.firingSince = in.readLong();
            s.lastTransitionAt = in.readLong();
            s.due = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.runs.add(new long[] {in.readLong(), in.readLong()});
            }
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("corrupt absence state", e);
        }
    }
}
