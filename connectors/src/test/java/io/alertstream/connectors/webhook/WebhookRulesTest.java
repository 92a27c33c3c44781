package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.notification.DeliveryOutcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status classification and the URL allow-list. */
class WebhookRulesTest {

    @Test
    void statusesShouldBeDeliveredRetriedOrRejected() {
        assertThat(WebhookResponses.classify(200, "u").kind()).isEqualTo(Kind.DELIVERED);
        assertThat(WebhookResponses.classify(204, "u").kind()).isEqualTo(Kind.DELIVERED);
        for (int status : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(WebhookResponses.classify(status, "u").kind()).as("HTTP %d", status).isEqualTo(Kind.RETRY);
        }
        for (int status : new int[] {301, 400, 401, 403, 404, 410, 422}) {
            assertThat(WebhookResponses.classify(status, "u").kind()).as("HTTP %d", status).isEqualTo(Kind.REJECTED);
        }
        assertThat(WebhookResponses.classify(400, "https://h:8443").reason()).isEqualTo("https://h:8443 answered HTTP 400");
    }

    @Test
    void anEmptyAllowListShouldRefuseEveryUrlAndSayWhy() {
        UrlAllowList none = new UrlAllowList(List.of());

        assertThatThrownBy(() -> none.check("http://127.0.0.1:8080/hook"))
                .hasMessageContaining("webhook.allowed.url.prefixes is empty");
        assertThatThrownBy(() -> none.check("file:///etc/passwd")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> none.check("https://user:pw@hooks.example.com/")).hasMessageContaining("user info")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> none.check("not a url")).hasMessageContaining("is not a URL");
        assertThatThrownBy(() -> none.check("/relative/path")).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> none.check("http://h/a b")).hasMessageContaining("is not a URL");
    }

    @Test
    void prefixesShouldMatchCaseInsensitiveHostsButNotLookalikeHostsOrOtherPaths() {
        UrlAllowList list = new UrlAllowList(List.of("https://hooks.example.com/alerts/", "https://hooks.slack.com/"));

        assertThat(list.check("HTTPS://Hooks.Example.com/alerts/team-a")).isNotNull();
        assertThat(list.check("https://hooks.slack.com/services/T/B/x")).isNotNull();
        assertThatThrownBy(() -> list.check("https://hooks.example.com.attacker.net/alerts/x"))
                .hasMessageContaining("webhook.allowed.url.prefixes");
        assertThatThrownBy(() -> list.check("https://hooks.example.com/admin")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> list.check("http://hooks.slack.com/services/T1/B2/secret-token"))
                .hasMessageContaining("not allowed").hasMessageContaining("http://hooks.slack.com/services/...")
                .hasMessageNotContaining("secret-token");
    }
}
