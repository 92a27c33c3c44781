package io.alertstream.connectors.common;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds configuration errors that never repeat the value, and masks credentials in URL-like text.
 *
 * <p>Why: Connect logs failed validations and returns them through its REST API, and a value may carry a
 * secret the operator did not type into a password field (a {@code redis://user:secret@host} URI, a URL with
 * user info, a mistyped password pasted into the wrong key). An error names the key to change and the
 * reason only; {@link #maskUserInfo} keeps the rest of a URL readable in messages and logs.
 */
public final class ConfigErrors {
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s@]*@");

    private ConfigErrors() {
    }

    /** "Invalid value for configuration KEY: REASON", without the value. */
    public static ConfigException invalid(String key, String reason) {
        return new ConfigException("Invalid value for configuration " + key + ": " + reason);
    }

    /** {@code scheme://user:secret@host/...} becomes {@code scheme://***@host/...}, anywhere in the text. */
    public static String maskUserInfo(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
