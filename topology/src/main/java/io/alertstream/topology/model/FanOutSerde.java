package io.alertstream.topology.model;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A compact binary serde for {@link FanOut}: one type byte, then fixed-width fields (37 bytes for a
 * match, 18 for a watermark), or for a partial its slot, fingerprint and time and the aggregate.
 * Records written before thresholds travelled (a 29-byte match, a partial of type {@value #PARTIAL_V1})
 * are still read, as carrying no threshold, so an upgrade can drain the fan-out topic.
 */
public final class FanOutSerde implements Serde<FanOut>, Serializer<FanOut>, Deserializer<FanOut> {
    private static final byte MATCH = 1;
    private static final byte WATERMARK = 2;
    private static final byte PARTIAL_V1 = 3;
    private static final byte PARTIAL = 4;
    private static final int MATCH_V1_BYTES = 29;

    @Override
    public byte[] serialize(String topic, FanOut data) {
        if (data == null) {
            return null;
        }
        if (data instanceof FanOut.Match m) {
            return ByteBuffer.allocate(37).put(MATCH).putLong(m.eventTime()).putInt(m.fingerprint())
                    .putDouble(m.number()).putLong(m.hash()).putDouble(m.threshold()).array();
        }
        if (data instanceof FanOut.Partial p) {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64);
                java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
                out.writeByte(PARTIAL);
                out.writeLong(p.slotStart());
                out.writeInt(p.fingerprint());
                out.writeLong(p.lastEventTime());
                p.aggregate().write(out);
                return bytes.toByteArray();
            } catch (java.io.IOException e) {
                throw new SerializationException("cannot write a partial aggregate to " + topic, e);
            }
        }
        FanOut.Watermark w = (FanOut.Watermark) data;
        return ByteBuffer.allocate(18).put(WATERMARK).putInt(w.source()).putInt(w.sources())
                .putLong(w.time()).put((byte) (w.idle() ? 1 : 0)).array();
    }

    @Override
    public FanOut deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte type = in.get();
            if (type == MATCH) {
                long time = in.getLong();
                int fingerprint = in.getInt();
                double number = in.getDouble();
                long hash = in.getLong();
                double threshold = bytes.length == MATCH_V1_BYTES ? Double.NaN : in.getDouble();
                return new FanOut.Match(time, fingerprint, number, hash, threshold);
            }
            if (type == PARTIAL || type == PARTIAL_V1) {
                java.io.DataInputStream data = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes, 1, bytes.length - 1));
                long slot = data.readLong();
                int fingerprint = data.readInt();
                long last = data.readLong();
                return new FanOut.Partial(slot, fingerprint, last, WindowAggregate.read(data, type == PARTIAL));
            }
            if (type == WATERMARK) {
                return new FanOut.Watermark(in.getInt(), in.getInt(), in.getLong(), in.get() == 1);
            }
        } catch (RuntimeException | java.io.IOException e) {
            throw new SerializationException("cannot read FanOut record of " + bytes.length + " bytes from " + topic, e);
        }
        throw new SerializationException("unknown FanOut record type in " + topic);
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public Serializer<FanOut> serializer() {
        return this;
    }

    @Override
    public Deserializer<FanOut> deserializer() {
        return this;
    }
}
