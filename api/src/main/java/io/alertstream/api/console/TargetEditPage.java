package io.alertstream.api.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Editing one uptime target: {@code GET ?id=} shows its fields in a form ({@code GET /v1/targets/{id}}), {@code POST}
 * replaces them ({@code PUT /v1/targets/{id}}) and leads back to the Targets view. The API validates; its 400 names
 * every bad field and is shown above the form, which keeps what the user typed. A field left empty takes the API's
 * default (the timeout: from the interval). Maintenance windows have no form fields: the PUT carries the target's
 * current ones, since a PUT replaces every field and an edit of the URL must not drop them.
 */
public final class TargetEditPage {
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The target as the API answers it: what the form shows and what the PUT must keep. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stored(String id, String url, String method, @JsonProperty("interval_ms") long intervalMs,
                         @JsonProperty("timeout_ms") long timeoutMs, @JsonProperty("expected_status") Map<String, Integer> expectedStatus,
                         int threshold, @JsonProperty("latency_threshold_ms") Long latencyThresholdMs,
                         @JsonProperty("body_contains") String bodyContains, List<String> owners, List<Map<String, String>> maintenance) {
    }

    /** The form's fields as text, as shown and as sent back. */
    public record Fields(String id, String url, String method, String interval, String timeout, String statusMin, String statusMax,
                         String threshold, String latencyThreshold, String bodyContains, String owners) {

        static Fields of(Stored t) {
            Map<String, Integer> status = t.expectedStatus() == null ? Map.of() : t.expectedStatus();
            return new Fields(t.id(), t.url(), t.method(), Format.duration(t.intervalMs()), Format.duration(t.timeoutMs()),
                    text(status.get("min")), text(status.get("max")), Integer.toString(t.threshold()),
                    t.latencyThresholdMs() == null ? "" : Format.duration(t.latencyThresholdMs()),
                    t.bodyContains() == null ? "" : t.bodyContains(), String.join(", ", t.owners() == null ? List.of() : t.owners()));
        }

        static Fields of(Context ctx) {
            return new Fields(param(ctx, "id"), param(ctx, "url"), param(ctx, "method"), param(ctx, "interval"), param(ctx, "timeout"),
                    param(ctx, "status_min"), param(ctx, "status_max"), param(ctx, "threshold"), param(ctx, "latency_threshold"),
                    ctx.formParam("body_contains") == null ? "" : ctx.formParam("body_contains"), param(ctx, "owners"));
        }

        /** The PUT body: empty fields left out (the API's defaults), numbers as numbers when they are (else as typed, for the API to name). */
        Map<String, Object> body(List<Map<String, String>> maintenance) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("url", url);
            putIfGiven(b, "method", method);
            putIfGiven(b, "interval", interval);
            putIfGiven(b, "timeout", timeout);
            if (!statusMin.isEmpty() || !statusMax.isEmpty()) {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("min", number(statusMin));
                status.put("max", number(statusMax));
                b.put("expected_status", status);
            }
            if (!threshold.isEmpty()) {
                b.put("threshold", number(threshold));
            }
            putIfGiven(b, "latency_threshold", latencyThreshold);
            putIfGiven(b, "body_contains", bodyContains);
            b.put("owners", Arrays.stream(owners.split("[,\\s]+")).filter(o -> !o.isEmpty()).toList());
            b.put("maintenance", maintenance == null ? List.of() : maintenance);
            return b;
        }

        private static void putIfGiven(Map<String, Object> b, String key, String value) {
            if (!value.isEmpty()) {
                b.put(key, value);
            }
        }

        private static Object number(String s) {
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return s;
            }
        }

        private static String text(Integer v) {
            return v == null ? "" : v.toString();
        }

        private static String param(Context ctx, String name) {
            String v = ctx.formParam(name);
            return v == null ? "" : v.trim();
        }
    }

    /** The page: the form, or why the target cannot be edited ({@code fields} null). */
    public record Model(Page page, Fields fields, String error) {
        public List<String> methods() {
            return METHODS;
        }
    }

    private final ApiCalls api;
    private final Views views;

    TargetEditPage(ApiCalls api, Views views) {
        this.api = api;
        this.views = views;
    }

    void form(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            String id = ctx.queryParam("id") == null ? "" : ctx.queryParam("id");
            ApiCalls.Answer a = api.get(token, "/v1/targets/" + Format.segment(id));
            Page page = new Page("Edit target", "targets", Me.user(api, token));
            if (!a.ok()) {
                ctx.status(a.status() >= 500 ? 502 : a.status());
                views.answer(ctx, "targetEdit.jte", new Model(page, null, a.problem()));
                return;
            }
            views.answer(ctx, "targetEdit.jte", new Model(page, Fields.of(api.read(a.body(), Stored.class)), null));
        });
    }

    void save(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            Fields fields = Fields.of(ctx);
            String path = "/v1/targets/" + Format.segment(fields.id());
            ApiCalls.Answer current = api.get(token, path);
            ApiCalls.Answer a = current.ok()
                    ? api.send(token, "PUT", path, fields.body(api.read(current.body(), Stored.class).maintenance()))
                    : current;
            if (a.ok()) {
                ctx.redirect(ConsoleRoutes.TARGETS + "?updated=" + Format.query(fields.id()), HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(a.status() >= 500 ? 502 : a.status());
            views.answer(ctx, "targetEdit.jte", new Model(new Page("Edit target", "targets", Me.user(api, token)), fields, a.problem()));
        });
    }
}
