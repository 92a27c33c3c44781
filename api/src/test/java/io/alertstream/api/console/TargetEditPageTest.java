package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The target form: the stored target as form text, the form back as the PUT body, and the page as rendered (escaped). */
class TargetEditPageTest {
    private static final TargetEditPage.Stored STORED = new TargetEditPage.Stored("t-1", "https://shop.example.com/health", "HEAD",
            60_000, 10_000, Map.of("min", 200, "max", 299), 5, 1500L, "ok", List.of("alice", "bob"),
            List.of(Map.of("start", "2026-12-24T02:00:00Z", "end", "2026-12-24T03:00:00Z")));

    @Test
    void shouldShowTheStoredTargetAsTheRuleFilesWriteIt() {
        TargetEditPage.Fields f = TargetEditPage.Fields.of(STORED);

        assertThat(f).isEqualTo(new TargetEditPage.Fields("t-1", "https://shop.example.com/health", "HEAD", "1m", "10s", "200", "299", "5",
                "1500ms", "ok", "alice, bob"));
    }

    @Test
    void shouldSendEveryFieldKeepTheMaintenanceWindowsAndLeaveEmptyFieldsToTheDefaults() {
        TargetEditPage.Fields f = new TargetEditPage.Fields("t-1", "https://shop.example.com/ready", "GET", "2m", "", "", "", "7", "", "",
                "alice bob,carol");

        assertThat(f.body(STORED.maintenance())).containsExactly(
                Map.entry("url", "https://shop.example.com/ready"), Map.entry("method", "GET"), Map.entry("interval", "2m"),
                Map.entry("threshold", 7), Map.entry("owners", List.of("alice", "bob", "carol")), Map.entry("maintenance", STORED.maintenance()));
    }

    @Test
    void shouldPassWhatIsNotANumberAsTypedForTheApiToName() {
        TargetEditPage.Fields f = new TargetEditPage.Fields("t-1", "https://h.example/", "GET", "30s", "", "2xx", "", "many", "", "", "alice");

        Map<String, Object> body = f.body(null);
        assertThat(body.get("threshold")).isEqualTo("many");
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("min", "2xx");
        status.put("max", null);
        assertThat(body.get("expected_status")).isEqualTo(status);
        assertThat(body.get("maintenance")).isEqualTo(List.of());
    }

    @Test
    void shouldRenderTheFormWithTheApisProblemAndEveryValueEscaped() {
        TargetEditPage.Fields f = new TargetEditPage.Fields("t-\"1", "https://h.example/?q=\"><script>", "GET", "2s", "", "", "", "3", "", "",
                "alice");
        String html = new Views().render("targetEdit.jte", new TargetEditPage.Model(new Page("Edit target", "targets", "alice"), f,
                "field 'interval' must be at least 5s, got 2s"));

        assertThat(html).contains("<p class=\"error\" role=\"alert\">field 'interval' must be at least 5s, got 2s</p>");
        assertThat(html).contains("value=\"2s\"").contains("<option value=\"GET\" selected>GET</option>");
        assertThat(html).doesNotContain("<script>").contains("value=\"https://h.example/?q=&#34;>&lt;script>\"");
        assertThat(html).contains("name=\"id\" value=\"t-&#34;1\"");
        for (String id : List.of("url", "method", "interval", "timeout", "status_min", "status_max", "threshold", "latency_threshold",
                "body_contains", "owners")) {
            assertThat(html).as("a label for " + id).contains("<label for=\"" + id + "\">");
        }
    }

    @Test
    void shouldSayWhyATargetCannotBeEdited() {
        String html = new Views().render("targetEdit.jte", new TargetEditPage.Model(new Page("Edit target", "targets", "alice"), null,
                "Target 'x' belongs to another user"));

        assertThat(html).contains("<p class=\"error\" role=\"alert\">Target 'x' belongs to another user</p>").doesNotContain("<form class=\"target-edit\"");
    }
}
