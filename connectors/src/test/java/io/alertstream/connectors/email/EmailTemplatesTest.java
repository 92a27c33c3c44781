package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.notification.ReceivedNotification;
import io.alertstream.connectors.notification.TestNotifications;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTemplatesTest {
    private static final Map<String, String> BASE = Map.of("smtp.host", "smtp.example.com",
            "email.from", "alertstream <alerts@example.com>",
            "link.template", "https://kibana.example.com/app/discover#/?q={{alertKey}}");

    private static EmailTemplates.Content render(Map<String, String> overrides, Map<String, Object> notification) {
        Map<String, String> props = new HashMap<>(BASE);
        props.putAll(overrides);
        ReceivedNotification parsed = ReceivedNotification.parse(TestRecords.record("notifications", 0, 7, notification), "key");
        return new EmailSinkConnectorConfig(props).templates().render(parsed);
    }

    @Test
    void defaultTemplatesShouldShowLevelSummaryValueThresholdWindowAndLinkOfEveryAlert() {
        Map<String, Object> notification = TestNotifications.email("n-1", List.of("a@example.com"), List.of(),
                List.of(), List.of(TestNotifications.alert("cpu|web 1", "critical", "CPU at 97%", 97.5, 90),
                        TestNotifications.alert("mem|web-2", "warning", "Memory <high> & rising", 81, 80)));

        EmailTemplates.Content content = render(Map.of(), notification);

        assertThat(content.subject()).isEqualTo("[alertstream] firing critical: CPU at 97% (+1 more)");
        assertThat(content.text())
                .contains("Notification n-1 for payments-oncall: firing, 2 alert(s), group team=\"payments\"")
                .contains("[critical] CPU at 97%\n  status firing, value 97.5, threshold 90\n"
                        + "  window 2026-11-21T09:55:00Z .. 2026-11-21T10:00:00Z\n"
                        + "  https://kibana.example.com/app/discover#/?q=cpu%7Cweb%201\n\n[warning]")
                .contains("[warning] Memory <high> & rising");
        assertThat(content.html())
                .startsWith("<html><body>")
                .contains("<li><b>critical</b> CPU at 97%<br>status firing, value 97.5, threshold 90<br>")
                .contains("<a href=\"https://kibana.example.com/app/discover#/?q=cpu%7Cweb%201\">")
                .contains("Memory &lt;high&gt; &amp; rising")
                .contains("group team=&quot;payments&quot;");
    }

    @Test
    void customTemplatesShouldReachNestedFieldsAndAnEmptyHtmlTemplateShouldMeanTextOnly() {
        Map<String, Object> notification = TestNotifications.email("n-2", List.of("a@example.com"), List.of(),
                List.of(), List.of(TestNotifications.alert("k", "warning", "s", 1, 2)));

        EmailTemplates.Content content = render(Map.of("email.subject.template", "{{labels.team}}\n{{ruleId}}",
                "email.text.template", "{{alerts}}", "email.text.alert.template", "{{group.host}} {{window.end}}",
                "email.html.template", ""), notification);

        assertThat(content.subject()).isEqualTo("payments cpu-high");
        assertThat(content.text()).isEqualTo("web-1 2026-11-21T10:00:00Z");
        assertThat(content.html()).isNull();
    }

    private static String subject(String kind, List<Map<String, Object>> alerts) {
        Map<String, Object> notification = TestNotifications.email("n-s", List.of("a@example.com"), List.of(), List.of(), alerts);
        notification.put("kind", kind);
        return render(Map.of(), notification).subject();
    }

    @Test
    void defaultSubjectShouldReadWellForEveryKindAndLevel() {
        assertThat(subject("firing", List.of(TestNotifications.alert("k", "warning", "checkout: 6 errors in 10s", 6, 5))))
                .isEqualTo("[alertstream] firing warning: checkout: 6 errors in 10s");
        assertThat(subject("firing", List.of(TestNotifications.alert("k", "critical", "checkout: 29 errors in 10s", 29, 20))))
                .isEqualTo("[alertstream] firing critical: checkout: 29 errors in 10s");
        Map<String, Object> resolved = TestNotifications.alert("k", null, "[RESOLVED] checkout: 1 errors in 10s", 1, 20);
        resolved.put("status", "RESOLVED");
        assertThat(subject("resolved", List.of(resolved))).isEqualTo("[alertstream] resolved: checkout: 1 errors in 10s");
        assertThat(subject("repeat", List.of(TestNotifications.alert("k", "critical", "disk 97% full", 97.25, 90))))
                .isEqualTo("[alertstream] still firing critical: disk 97% full");
        Map<String, Object> flapping = TestNotifications.alert("k", "warning", "checkout: 6 errors in 10s", 6, 5);
        flapping.put("flapping", true);
        assertThat(subject("firing", List.of(flapping))).isEqualTo("[alertstream] flapping, firing warning: checkout: 6 errors in 10s");
        Map<String, Object> noSummary = TestNotifications.alert("disk|host=\"db-1\"", "warning", "", 1, 0);
        assertThat(subject("firing", List.of(noSummary))).isEqualTo("[alertstream] firing warning: disk|host=\"db-1\"");
        assertThat(subject("digest", List.of(TestNotifications.alert("a", "warning", "a is WARNING", 0, 0),
                TestNotifications.alert("b", "critical", "b is CRITICAL", 0, 0)))).isEqualTo("[alertstream] digest: 2 active alarms");
    }

    private static Map<String, Object> silence(String endsAt, String until, String endedBy, String comment) {
        Map<String, Object> silence = new HashMap<>();
        silence.put("id", "s-1");
        silence.put("matchers", List.of("service=checkout", "level=critical"));
        silence.put("ends_at", endsAt);
        silence.put("until", until);
        silence.put("ended_by", endedBy);
        silence.put("comment", comment);
        return silence;
    }

    private static String silenceSubject(String kind, Map<String, Object> silence, List<Map<String, Object>> alerts) {
        Map<String, Object> notification = TestNotifications.email("n-s", List.of("a@example.com"), List.of(), List.of(), alerts);
        notification.put("kind", kind);
        notification.put("silence", silence);
        return render(Map.of(), notification).subject();
    }

    @Test
    void silenceNoticesShouldSayWhatIsSilencedUntilWhenAndWhy() {
        assertThat(silenceSubject("silence-started", silence("2026-12-24T04:00:00Z", null, null, "deploy"), List.of()))
                .isEqualTo("[alertstream] silence started: service=checkout, level=critical until 2026-12-24T04:00:00Z (deploy)");
        assertThat(silenceSubject("silence-started", silence(null, "resolved", null, ""), List.of()))
                .isEqualTo("[alertstream] silence started: service=checkout, level=critical until resolved");
        assertThat(silenceSubject("silence-ended", silence("2026-12-24T03:10:00Z", null, "expired", "deploy"), List.of()))
                .isEqualTo("[alertstream] silence ended (expired): service=checkout, level=critical (deploy)");
        assertThat(silenceSubject("silence-ended", silence("2026-12-24T04:00:00Z", null, null, null), List.of()))
                .isEqualTo("[alertstream] silence ended: service=checkout, level=critical");
        Map<String, Object> resolved = TestNotifications.alert("k", null, "[RESOLVED] checkout: 1 errors in 10s", 1, 20);
        resolved.put("status", "RESOLVED");
        assertThat(silenceSubject("silenced-alert-resolved", silence(null, null, null, "deploy"), List.of(resolved)))
                .isEqualTo("[alertstream] silenced alert resolved: checkout: 1 errors in 10s");
    }

    @Test
    void numbersShouldBeShownWithFourSignificantDigits() {
        Map<String, Object> notification = TestNotifications.email("n-3", List.of("a@example.com"), List.of(), List.of(),
                List.of(TestNotifications.alert("k", "warning", "p95", 709.6040180466645, 300)));
        assertThat(render(Map.of(), notification).text()).contains("value 709.6, threshold 300");
    }
}
