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
 * Everything alertstream keeps for one alert key ({@code ruleId|groupKey}): the open windows in start
 * order and the alert's state. Mutable on purpose: it is read, updated and written back once per
 * event, and copying would cost more than it protects.
 */
public final class AlertState {
    /** Which rule definition the windows were built with; see CompiledRule#stateFingerprint. */
    public int fingerprint;
    public final List<WindowAggregate> windows = new ArrayList<>();
    /** Current level; null when the alert is not firing. */
    public Level level;
    /** Event time at which the alert last went from OK to firing. */
    public long firingSince;
    /** Consecutive closed windows that breached at least warning / at least critical. */
    public int warningStreak;
    public int criticalStreak;
    /** Start of the newest closed window, Long.MIN_VALUE before any. */
    public long lastClosedStart = Long.MIN_VALUE;
    /**
     * The {@code at} of the last transition emitted, Long.MIN_VALUE before any. Transitions of one
     * alert carry strictly increasing {@code at}, so consumers that order by it (digests, notification
     * groups) never take a later transition for a stale one.
     */
    public long lastTransitionAt = Long.MIN_VALUE;

    public WindowAggregate window(long start) {
        for (WindowAggregate w : windows) {
            if (w.start() == start) {
                return w;
            }
        }
        return null;
    }

    /** Adds a window, keeping start order. */
    public WindowAggregate openWindow(long start) {
        WindowAggregate w = new WindowAggregate(start);
        int i = 0;
        while (i < windows.size() && windows.get(i).start() < start) {
            i++;
        }
        windows.add(i, w);
        return w;
    }

    public int streak(Level atLeast) {
        return atLeast == Level.CRITICAL ? criticalStreak : warningStreak;
    }

    /** Nothing worth keeping: no open window, not firing, no breach streak. */
    public boolean idle() {
        return windows.isEmpty() && level == null && warningStreak == 0 && criticalStreak == 0;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + windows.size() * 48);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(3); // format version
            out.writeInt(fingerprint);
            out.writeByte(level == null ? -1 : level.ordinal());
            out.writeLong(firingSince);
            out.writeInt(warningStreak);
            out.writeInt(criticalStreak);
            out.writeLong(lastClosedStart);
            out.writeLong(lastTransitionAt);
            out.writeInt(windows.size());
            for (WindowAggregate w : windows) {
                w.write(out);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static AlertState fromBytes(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int version = in.readByte();
            if (version < 1 || version > 3) {
                throw new IOException("unknown group state format " + version);
            }
            AlertState s = new AlertState();
            s.fingerprint = in.readInt();
            int level = in.readByte();
            s.level = level < 0 ? null : Level.values()[level];
            s.firingSince = in.readLong();
            s.warningStreak = in.readInt();
            s.criticalStreak = in.readInt();
            s.lastClosedStart = in.readLong();
            s.lastTransitionAt = version >= 2 ? in.readLong() : Long.MIN_VALUE; // version 1: written before it existed
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                s.windows.add(WindowAggregate.read(in, version >= 3)); // before 3: no threshold samples
            }
            return s;
        } catch (IOException e) {
            throw new org.apache.kafka.common.errors.SerializationException("cannot read group state", e);
        }
    }
}
