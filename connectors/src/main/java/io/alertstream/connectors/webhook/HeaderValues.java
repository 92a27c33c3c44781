package io.alertstream.connectors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes record data safe to send as an HTTP header value.
 *
 * <p>Input: any string (a notification id may hold control characters, line breaks or non-ASCII text).
 * Output: visible ASCII only: bytes outside {@code !..~} and {@code %} itself are percent-encoded (UTF-8),
 * so the mapping is deterministic and a receiver deduplicating by the value still sees one key per id; a
 * result longer than {@value #MAX_LENGTH} characters becomes {@code sha256:<hex>} of the id. The JDK HTTP
 * client throws {@code IllegalArgumentException} for a header value with a control character, which used to
 * fail the task on every restart.
 */
public final class HeaderValues {
    static final int MAX_LENGTH = 200;

    private HeaderValues() {
    }

    public static String safe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.length() <= MAX_LENGTH ? out.toString() : "sha256:" + sha256(value);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
