package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.notification.ReceivedNotification;
import io.alertstream.connectors.notification.TestNotifications;
import io.alertstream.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackPayloadTest {

    private static ReceivedNotification notification(List<Map<String, Object>> alerts) {
        return ReceivedNotification.parse(TestRecords.record("notifications", 0, 0,
                TestNotifications.webhook("n-1", "https://hooks.slack.com/x", "slack", null, alerts)), "key");
    }

    @Test
    void shouldHaveAFallbackTextAndOneSectionPerAlertWithItsLink() {
        JsonNode payload = SlackPayload.build(notification(List.of(
                        TestNotifications.alert("cpu|web-1", "critical", "CPU at 97%", 97, 90),
                        TestNotifications.alert("mem", "warning", "Memory <!channel> & co", 81, 80))),
                Template.parse("https://kibana.example.com/?q={{alertKey}}"));

        assertThat(payload.get("text").asText()).isEqualTo("*firing* for payments-oncall: 2 alert(s) (team=\"payments\")\n"
                + "[critical] CPU at 97%\n[warning] Memory &lt;!channel&gt; &amp; co");
        assertThat(payload.get("blocks")).hasSize(3);
        assertThat(payload.get("blocks").get(1).get("type").asText()).isEqualTo("section");
        assertThat(payload.get("blocks").get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(payload.get("blocks").get(1).get("text").get("text").asText())
                .isEqualTo("[critical] CPU at 97%\nstatus firing, value 97, threshold 90, "
                        + "window 2026-11-21T09:55:00Z .. 2026-11-21T10:00:00Z\n"
                        + "<https://kibana.example.com/?q=cpu%7Cweb-1|Open>");
    }

    @Test
    void shouldStayUnderSlacksBlockLimitForLargeDigests() {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            alerts.add(TestNotifications.alert("k" + i, "warning", "alert " + i, i, 1));
        }
        JsonNode payload = SlackPayload.build(notification(alerts), Template.parse(""));

        assertThat(payload.get("blocks").size()).isEqualTo(1 + SlackPayload.MAX_ALERT_BLOCKS + 1).isLessThanOrEqualTo(50);
        assertThat(payload.get("blocks").get(SlackPayload.MAX_ALERT_BLOCKS + 1).get("text").get("text").asText())
                .isEqualTo("... and 15 more");
        assertThat(payload.get("text").asText()).contains("alert 59");
    }
}
