package io.alertstream.topology.rules;

import java.util.Map;

/** A dotted path into a JSON object ({@code http.route}), resolved without allocating. */
public final class FieldPath {
    /** Returned when a segment of the path is absent (as opposed to present with JSON null). */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private final String path;
    private final String[] segments;

    public FieldPath(String path) {
        this.path = path;
        this.segments = path.split("\\.");
    }

    public Object get(Map<String, Object> event) {
        Object current = event;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(segment)) {
                return MISSING;
            }
            current = map.get(segment);
        }
        return current;
    }

    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return path;
    }
}
