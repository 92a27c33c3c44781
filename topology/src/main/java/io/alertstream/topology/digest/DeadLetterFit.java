package io.alertstream.topology.digest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;

/**
 * Keeps a dead letter writable. Input: the original key and value of a refused record, and the headers of
 * the dead letter being built. Output: the key and value to write, the originals unless together they
 * exceed {@value #MAX_BYTES} bytes; then they are cut to fit and the original sizes are recorded in the
 * {@value #ORIGINAL_KEY_BYTES} / {@value #ORIGINAL_VALUE_BYTES} headers. Why: a record accepted by the
 * broker just under its 1 MiB limit, plus the reason headers, is over the producer's
 * {@code max.request.size}, and a send failing inside a stream thread kills it again on every retry.
 */
public final class DeadLetterFit {
    /** Key plus value bytes a dead letter may carry, leaving room for headers under 1 MiB. */
    public static final int MAX_BYTES = 900 * 1024;
    public static final String ORIGINAL_KEY_BYTES = "alertstream.error.original.key.bytes";
    public static final String ORIGINAL_VALUE_BYTES = "alertstream.error.original.value.bytes";

    private DeadLetterFit() {
    }

    /** The key to write; call before {@link #value}. */
    public static byte[] key(byte[] key, Headers headers) {
        int max = MAX_BYTES / 2; // a key this long is already absurd; the value gets the rest
        if (key == null || key.length <= max) {
            return key;
        }
        headers.add(ORIGINAL_KEY_BYTES, Integer.toString(key.length).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(key, max);
    }

    /** The value to write, given the key as written. */
    public static byte[] value(byte[] keyWritten, byte[] value, Headers headers) {
        int max = MAX_BYTES - (keyWritten == null ? 0 : keyWritten.length);
        if (value == null || value.length <= max) {
            return value;
        }
        headers.add(ORIGINAL_VALUE_BYTES, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(value, max);
    }
}
