package io.alertstream.topology.targets;

import io.alertstream.topology.sourcefile.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the user-written fields of a target and fills in the defaults: the one validation behind
 * {@code POST/PUT /v1/targets} (a JSON body) and {@code targets.yaml} (a YAML entry), so both accept the same.
 *
 * <p>Input: the fields as plain Java values (String, Number, Boolean, List, Map, null), with the names of
 * {@link #FIELDS}. Output: a {@link Target} without id, owner and times (the caller sets those), or every
 * {@link FieldProblem} found. Defaults: method GET, interval 30s (at least 5s), timeout 10s but below the
 * interval (half of it for intervals up to 10s), expected_status 200-399, threshold 3, owners [default owner].
 */
public final class TargetValidator {
    public static final Set<String> FIELDS = Set.of("url", "method", "interval", "timeout", "expected_status", "threshold",
            "latency_threshold", "body_contains", "owners", "maintenance");
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** The user ids accounts may have (signup's rule), so owners can only name possible accounts. */
    static final Pattern USER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final Duration MIN_INTERVAL = Duration.ofSeconds(5);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_URL = 2048;
    static final int MAX_BODY_CONTAINS = 1024;
    static final int MAX_OWNERS = 50;
    static final int MAX_MAINTENANCE = 100;
    static final int MAX_THRESHOLD = 1000;

    private final List<FieldProblem> problems = new ArrayList<>();

    private TargetValidator() {
    }

    /** The target, or null with problems. */
    public record Result(Target target, List<FieldProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** @param defaultOwner who {@code owners} names when it is absent (the caller, or the file's owner) */
    public static Result validate(Map<String, Object> fields, String defaultOwner) {
        return new TargetValidator().run(fields, defaultOwner);
    }

    private Result run(Map<String, Object> f, String defaultOwner) {
        for (String key : f.keySet()) {
            if (!FIELDS.contains(key)) {
                problem(key, "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }
        String url = url(f.get("url"));
        String method = method(f.get("method"));
        Duration interval = duration(f, "interval", DEFAULT_INTERVAL);
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            problem("interval", "must be at least 5s, got " + Durations.format(interval));
        }
        Duration dfltTimeout = interval != null && interval.compareTo(Duration.ofSeconds(20)) <= 0 && interval.compareTo(DEFAULT_TIMEOUT) <= 0
                ? interval.dividedBy(2) : DEFAULT_TIMEOUT;
        Duration timeout = duration(f, "timeout", dfltTimeout);
        if (timeout != null && interval != null && timeout.compareTo(interval) >= 0) {
            problem("timeout", "must be shorter than the interval (" + Durations.format(interval) + "), got " + Durations.format(timeout));
        }
        Target.StatusRange status = statusRange(f.get("expected_status"));
        int threshold = integer(f.get("threshold"), "threshold", 3, 1, MAX_THRESHOLD);
        Duration latency = duration(f, "latency_threshold", null);
        if (latency != null && timeout != null && latency.compareTo(timeout) > 0) {
            problem("latency_threshold", "must not exceed the timeout (" + Durations.format(timeout) + ")");
        }
        String bodyContains = bodyContains(f.get("body_contains"));
        List<String> owners = owners(f.get("owners"), defaultOwner);
        List<Target.Maintenance> maintenance = maintenance(f.get("maintenance"));
        if (!problems.isEmpty()) {
            return new Result(null, List.copyOf(problems));
        }
        return new Result(new Target(null, null, url, method, interval.toMillis(), timeout.toMillis(), status, threshold,
                latency == null ? null : latency.toMillis(), bodyContains, owners, maintenance, null, null), List.of());
    }

    private void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    private String url(Object v) {
        if (!(v instanceof String s) || s.isBlank()) {
            problem("url", "is required: an http or https URL");
            return null;
        }
        if (s.length() > MAX_URL) {
            problem("url", "longer than " + MAX_URL + " characters");
            return null;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem("url", "must be http or https, got '" + (uri.getScheme() == null ? "" : uri.getScheme()) + "'");
            } else if (uri.getHost() == null) {
                problem("url", "has no host");
            } else if (uri.getUserInfo() != null) {
                // Credentials would sit in clear on the targets topic and in every answer.
                problem("url", "must not carry credentials (user:password@)");
            }
        } catch (URISyntaxException e) {
            problem("url", "is not a URL: " + e.getReason());
        }
        return s;
    }

    private String method(Object v) {
        if (v == null) {
            return "GET";
        }
        String m = v instanceof String s ? s.toUpperCase(Locale.ROOT) : null;
        if (m == null || !METHODS.contains(m)) {
            problem("method", "must be one of " + new java.util.TreeSet<>(METHODS) + ", got '" + v + "'");
        }
        return m;
    }

    private Duration duration(Map<String, Object> f, String field, Duration dflt) {
        Object v = f.get(field);
        if (v == null) {
            return dflt;
        }
        Duration d = v instanceof String s ? Durations.parse(s) : null;
        if (d == null || d.isZero() || d.isNegative() || !Durations.withinMax(d)) {
            problem(field, "must be a positive duration such as 500ms, 10s, 5m, got '" + v + "'");
            return null;
        }
        return d;
    }

    private Target.StatusRange statusRange(Object v) {
        if (v == null) {
            return new Target.StatusRange(200, 399);
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem("expected_status", "must be an object {\"min\":200,\"max\":399}");
            return null;
        }
        for (Object key : m.keySet()) {
            if (!"min".equals(key) && !"max".equals(key)) {
                problem("expected_status." + key, "unknown field (known: min, max)");
            }
        }
        int min = integer(m.get("min"), "expected_status.min", null, 100, 599);
        int max = integer(m.get("max"), "expected_status.max", null, 100, 599);
        if (min > max && min > 0 && max > 0) {
            problem("expected_status", "min " + min + " is above max " + max);
        }
        return new Target.StatusRange(min, max);
    }

    /** A whole number in [lo, hi]; {@code dflt} when absent (null: required). -1 after a problem. */
    private int integer(Object v, String field, Integer dflt, int lo, int hi) {
        if (v == null && dflt != null) {
            return dflt;
        }
        if (v instanceof Number n && (n instanceof Integer || n instanceof Long || n instanceof Short)
                && n.longValue() >= lo && n.longValue() <= hi) {
            return n.intValue();
        }
        problem(field, (v == null ? "is required: " : "") + "must be a whole number from " + lo + " to " + hi + (v == null ? "" : ", got '" + v + "'"));
        return -1;
    }

    private String bodyContains(Object v) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isEmpty() || s.length() > MAX_BODY_CONTAINS) {
            problem("body_contains", "must be a string of 1 to " + MAX_BODY_CONTAINS + " characters");
            return null;
        }
        return s;
    }

    private List<String> owners(Object v, String dflt) {
        if (v == null) {
            return dflt == null ? List.of() : List.of(dflt);
        }
        if (!(v instanceof List<?> list) || list.isEmpty() || list.size() > MAX_OWNERS) {
            problem("owners", "must be a list of 1 to " + MAX_OWNERS + " user ids");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object o = list.get(i);
            if (!(o instanceof String s) || !USER_ID.matcher(s).matches()) {
                problem("owners[" + i + "]", "must be a user id ([a-z0-9][a-z0-9._-]{1,63}), got '" + o + "'");
            } else if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private List<Target.Maintenance> maintenance(Object v) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list) || list.size() > MAX_MAINTENANCE) {
            problem("maintenance", "must be a list of at most " + MAX_MAINTENANCE + " {\"start\",\"end\"} windows");
            return List.of();
        }
        List<Target.Maintenance> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "maintenance[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m) || m.size() != 2 || !m.containsKey("start") || !m.containsKey("end")) {
                problem(at, "must be an object with exactly 'start' and 'end' (ISO-8601 instants)");
                continue;
            }
            Instant start = instant(m.get("start"), at + ".start");
            Instant end = instant(m.get("end"), at + ".end");
            if (start != null && end != null) {
                if (!start.isBefore(end)) {
                    problem(at, "start " + start + " is not before end " + end);
                } else {
                    out.add(new Target.Maintenance(start.toString(), end.toString()));
                }
            }
        }
        return List.copyOf(out);
    }

    private Instant instant(Object v, String field) {
        try {
            if (v instanceof String s) {
                return Instant.parse(s);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problem(field, "must be an ISO-8601 instant such as 2026-12-01T02:00:00Z, got '" + v + "'");
        return null;
    }
}
