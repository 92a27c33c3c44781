package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.common.TestRecords;
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
        Notification parsed = Notification.parse(TestRecords.record("notifications", 0, 7, notification), "key");
        return new EmailSinkConnectorConfig(props).templates().render(parsed);
    }

    @Test
    void defaultTemplatesShouldShowLevelSummaryValueThresholdWindowAndLinkOfEveryAlert() {
        Map<String, Object> notification = TestNotifications.email("n-1", List.of("a@example.com"), List.of(),
                List.of(), List.of(TestNotifications.alert("cpu|web 1", "critical", "CPU at 97%", 97.5, 90),
                        TestNotifications.alert("mem|web-2", "warning", "Memory <high> & rising", 81, 80)));

        EmailTemplates.Content content = render(Map.of(), notification);

        assertThat(content.subject()).isEqualTo("[alertstream] firing critical: CPU at 97% (2 alert(s), payments-oncall)");
        assertThat(content.text())
                .contains("Notification n-1 for payments-oncall: firing, 2 alert(s), group team=\"payments\"")
                .contains("[critical] CPU at 97%\n  status firing, value 97.5, threshold 90.0\n"
                        + "  window 2026-11-21T09:55:00Z .. 2026-11-21T10:00:00Z\n"
                        + "  https://kibana.example.com/app/discover#/?q=cpu%7Cweb%201\n\n[warning]")
                .contains("[warning] Memory <high> & rising");
        assertThat(content.html())
                .startsWith("<html><body>")
                .contains("<li><b>critical</b> CPU at 97%<br>status firing, value 97.5, threshold 90.0<br>")
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
}
