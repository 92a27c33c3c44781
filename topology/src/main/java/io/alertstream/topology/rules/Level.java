package io.alertstream.topology.rules;

import java.util.Locale;

/** Alert severity levels, ordered: a higher ordinal is more severe. */
public enum Level {
    WARNING, CRITICAL;

    /** The name used in rule files and JSON: {@code warning}, {@code critical}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Level fromLabel(String label) {
        for (Level level : values()) {
            if (level.label().equals(label)) {
                return level;
            }
        }
        return null;
    }

    /** Compares possibly-null levels, null meaning "no alert". */
    public static int rank(Level level) {
        return level == null ? 0 : level.ordinal() + 1;
    }

    public static Level max(Level a, Level b) {
        return rank(a) >= rank(b) ? a : b;
    }
}
