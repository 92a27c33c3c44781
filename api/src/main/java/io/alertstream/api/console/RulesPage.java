package io.alertstream.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Rules view ({@code GET /v1/rules}): the rules running now with their versions, and the validation problems
 * of the rule files as {@code file:line:column: message}, the form every other tool prints them in.
 */
public final class RulesPage {
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** A running rule as the API lists it; {@code rule} is the compiled rule (the rule file's keys). */
    public record Rule(String id, String version, JsonNode rule) {
        public String description() {
            JsonNode d = rule == null ? null : rule.get("description");
            return d == null || d.isNull() ? "" : d.asText();
        }

        public String json() {
            try {
                return PRETTY.writeValueAsString(rule);
            } catch (Exception e) {
                return String.valueOf(rule);
            }
        }
    }

    public record Problem(String file, Integer line, Integer column, String message) {
        public String where() {
            return file + ":" + (line == null ? "?" : line) + ":" + (column == null ? "?" : column);
        }
    }

    public record Answer(List<Rule> rules, List<Problem> problems) {
    }

    /**
     * @param fired     per rule id, how many firing episodes (alert key and {@code startsAt}) began in the last 24 h among the
     *                  alerts the user may see ({@code GET /v1/alerts/history}); null when the history could not be read
     * @param truncated the history answer was cut at {@code alertstream.api.history.max.results}: counts are at least these
     */
    public record Model(Page page, List<Rule> rules, List<Problem> problems, String error, Map<String, Integer> fired, boolean truncated) {
        public String firedText(String ruleId) {
            if (fired == null) {
                return "?";
            }
            int n = fired.getOrDefault(ruleId, 0);
            return truncated && n > 0 ? "at least " + n : String.valueOf(n);
        }
    }

    /** The history answer, what the count needs. */
    public record History(List<io.alertstream.topology.model.Alert> transitions, boolean truncated) {
    }

    private final ApiCalls api;
    private final Views views;

    RulesPage(ApiCalls api, Views views) {
        this.api = api;
        this.views = views;
    }

    void page(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            Page page = new Page("Rules", "rules", Me.user(api, token));
            ApiCalls.Answer a = api.get(token, "/v1/rules");
            if (!a.ok()) {
                views.answer(ctx, "rules.jte", new Model(page, List.of(), List.of(), a.problem(), null, false));
                return;
            }
            Answer answer = api.read(a.body(), Answer.class);
            List<Rule> rules = new ArrayList<>(answer.rules() == null ? List.of() : answer.rules());
            rules.sort(java.util.Comparator.comparing(Rule::id));
            ApiCalls.Answer h = api.get(token, "/v1/alerts/history");
            History history = h.ok() ? api.read(h.body(), History.class) : null;
            views.answer(ctx, "rules.jte", new Model(page, rules, answer.problems() == null ? List.of() : answer.problems(), null,
                    history == null ? null : firingEpisodes(history.transitions()), history != null && history.truncated()));
        });
    }

    /** Per rule, the distinct firing episodes (alert key and {@code startsAt}) among these transitions. */
    static Map<String, Integer> firingEpisodes(List<io.alertstream.topology.model.Alert> transitions) {
        Map<String, java.util.Set<String>> episodes = new java.util.HashMap<>();
        for (io.alertstream.topology.model.Alert t : transitions) {
            if (io.alertstream.topology.model.Alert.FIRING.equals(t.status()) && t.ruleId() != null) {
                episodes.computeIfAbsent(t.ruleId(), k -> new java.util.HashSet<>()).add(t.alertKey() + '\u0000' + t.startsAt());
            }
        }
        Map<String, Integer> counts = new java.util.HashMap<>();
        episodes.forEach((rule, set) -> counts.put(rule, set.size()));
        return counts;
    }

    /** The running rule with this id, or null (deleted since, or the API cannot say now). */
    static Rule find(ApiCalls api, String token, String id) {
        if (id == null) {
            return null;
        }
        ApiCalls.Answer a = api.get(token, "/v1/rules");
        if (!a.ok()) {
            return null;
        }
        Answer answer = api.read(a.body(), Answer.class);
        return answer.rules() == null ? null : answer.rules().stream().filter(r -> id.equals(r.id())).findFirst().orElse(null);
    }
}
