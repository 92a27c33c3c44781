package io.alertstream.api.targets;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One hour of one target's checks: how many succeeded, how many failed, and a DDSketch of their latencies
 * (1% relative accuracy, at most 2048 bins: a few kilobytes per target and hour whatever the check rate).
 * Mergeable, so a window of several hours is the merge of its buckets. Checks without a latency (a
 * connection refused before any answer) count, but add nothing to the sketch.
 */
public final class ProbeBucket {
    static final double ACCURACY = 0.01;
    static final int MAX_BINS = 2048;
    /** Binary: successes (long), failures (long), sketch length (int) and its encoding. */
    public static final Serde<ProbeBucket> SERDE = Serdes.serdeFrom((topic, b) -> b == null ? null : b.toBytes(),
            (topic, bytes) -> bytes == null ? null : fromBytes(bytes));

    private long successes;
    private long failures;
    private final DDSketch latency;

    public ProbeBucket() {
        this(DDSketches.collapsingLowestDense(ACCURACY, MAX_BINS));
    }

    private ProbeBucket(DDSketch latency) {
        this.latency = latency;
    }

    /** Counts one check; {@code latencyMs} null or negative: no latency to record. */
    public void add(boolean ok, Double latencyMs) {
        if (ok) {
            successes++;
        } else {
            failures++;
        }
        if (latencyMs != null && latencyMs >= 0 && Double.isFinite(latencyMs)) {
            latency.accept(latencyMs);
        }
    }

    public void merge(ProbeBucket other) {
        successes += other.successes;
        failures += other.failures;
        latency.mergeWith(other.latency);
    }

    public long successes() {
        return successes;
    }

    public long failures() {
        return failures;
    }

    /** The latency at {@code q} (0..1) within the sketch's 1% accuracy, or null without latencies. */
    public Double latencyQuantile(double q) {
        return latency.isEmpty() ? null : latency.getValueAtQuantile(q);
    }

    byte[] toBytes() {
        GrowingByteArrayOutput sketch = GrowingByteArrayOutput.withDefaultInitialCapacity();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            latency.encode(sketch, false);
            out.writeLong(successes);
            out.writeLong(failures);
            out.writeInt(sketch.numWrittenBytes());
            out.write(sketch.backingArray(), 0, sketch.numWrittenBytes());
        } catch (IOException e) {
            throw new SerializationException("cannot write a ProbeBucket", e);
        }
        return bytes.toByteArray();
    }

    static ProbeBucket fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            long s = in.readLong();
            long f = in.readLong();
            byte[] sketch = in.readNBytes(in.readInt());
            ProbeBucket b = new ProbeBucket(DDSketch.decode(ByteArrayInput.wrap(sketch), () -> new CollapsingLowestDenseStore(MAX_BINS)));
            b.successes = s;
            b.failures = f;
            return b;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read a ProbeBucket", e);
        }
    }
}
