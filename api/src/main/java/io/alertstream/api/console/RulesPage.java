package io.alertstream.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

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

    public record Model(Page page, List<Rule> rules, List<Problem> problems, String error) {
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
                views.answer(ctx, "rules.jte", new Model(page, List.of(), List.of(), a.problem()));
                return;
            }
            Answer answer = api.read(a.body(), Answer.class);
            List<Rule> rules = new ArrayList<>(answer.rules() == null ? List.of() : answer.rules());
            rules.sort(java.util.Comparator.comparing(Rule::id));
            views.answer(ctx, "rules.jte", new Model(page, rules, answer.problems() == null ? List.of() : answer.problems(), null));
        });
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
