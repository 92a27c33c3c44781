package io.alertstream.topology.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Gives each {@code alertstream run} process on a host its own state directory without configuration:
 * slot {@code N} is {@code ROOT/slot-N}, and a process holds an exclusive file lock on its slot for as long
 * as it lives (the operating system releases it when the process dies, even on SIGKILL). A process takes the
 * lowest free slot, so a restarted instance takes the slot its predecessor left, and finds its state there.
 *
 * <p>Kafka Streams locks its own state directory too, but it fails with a stack trace a newcomer cannot
 * act on; this says in one line which option to give.
 */
public final class StateSlots {
    /** More instances than this on one host should choose their directories explicitly. */
    public static final int MAX_SLOTS = 64;
    private static final String LOCK_FILE = "instance.lock";

    private StateSlots() {
    }

    /** A held slot: its directory, locked until {@link #close()} or the end of the process. */
    public static final class Slot implements AutoCloseable {
        private final Path dir;
        private final FileChannel channel;
        private final FileLock lock;

        private Slot(Path dir, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
        }

        public Path dir() {
            return dir;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // The lock goes with the process anyway.
            }
        }
    }

    /**
     * The state directory a process with these properties may use: the configured {@code state.dir} (if no
     * other process holds it), else, when it is the default, the lowest free slot under the default one.
     * Shared by {@code alertstream run} and the embedded engine.
     */
    public static Slot forProperties(java.util.Properties props) {
        String configured = props.getProperty(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG);
        String byDefault = AppConfig.defaults().getProperty(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG);
        return configured.equals(byDefault) ? acquire(Path.of(byDefault)) : lockChosen(Path.of(configured));
    }

    /** Takes the lowest free {@code slot-N} under {@code root}, or fails with a message that says what to do. */
    public static Slot acquire(Path root) {
        for (int n = 0; n < MAX_SLOTS; n++) {
            Slot slot = tryLock(root.resolve("slot-" + n));
            if (slot != null) {
                return slot;
            }
        }
        throw new IllegalStateException("All " + MAX_SLOTS + " state slots under " + root.toAbsolutePath()
                + " are in use by other alertstream processes; give this one its own --state-dir DIR");
    }

    /**
     * Locks a directory the user chose, or fails in one line when another process holds it (as Kafka
     * Streams would, later and with a stack trace).
     */
    public static Slot lockChosen(Path dir) {
        Slot slot = tryLock(dir);
        if (slot == null) {
            throw new IllegalStateException("The state directory " + dir.toAbsolutePath() + " is in use by another alertstream "
                    + "process" + holder(dir) + "; give this one another --state-dir DIR, or leave the option out to get a free slot");
        }
        return slot;
    }

    private static Slot tryLock(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM (several instances in one process, as tests run them)
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new Slot(dir, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new UncheckedIOException("Cannot use the state directory " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String holder(Path dir) {
        try {
            String text = Files.readString(dir.resolve(LOCK_FILE), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "" : " (" + text + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
