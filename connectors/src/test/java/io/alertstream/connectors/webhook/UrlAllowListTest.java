package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs a record may make the webhook sink call. */
class UrlAllowListTest {
    private final UrlAllowList list = new UrlAllowList(List.of("https://hooks.example.com/alerts",
            "http://intranet.example:8080/hooks/"));

    @Test
    void anEmptyListShouldAllowNothing() {
        UrlAllowList empty = new UrlAllowList(List.of());
        for (String url : List.of("https://hooks.example.com/", "http://169.254.169.254/latest/meta-data/",
                "http://127.0.0.1:8083/connectors")) {
            assertThatThrownBy(() -> empty.check(url)).hasMessageContaining("webhook.allowed.url.prefixes is empty");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://hooks.example.com/alerts",
        "https://hooks.example.com/alerts/team-a",
        "HTTPS://Hooks.Example.COM/alerts/team-a",
        "https://hooks.example.com:443/alerts/team-a",
        "https://hooks.example.com./alerts/team-a",
        "https://hooks.example.com/alerts/./team-a?x=1",
        "http://intranet.example:8080/hooks/x"})
    void urlsUnderAPrefixShouldPass(String url) {
        assertThat(list.check(url)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://hooks.example.com/alertsX",
        "https://hooks.example.com/alerts-admin/x",
        "https://hooks.example.com/alerts/../admin",
        "https://hooks.example.com/alerts/%2e%2e/admin",
        "https://hooks.example.com/alerts/..%2Fadmin",
        "https://hooks.example.com/alerts/..%5cadmin",
        "https://hooks.example.com/alerts//../admin",
        "https://hooks.example.com/../alerts/x",
        "http://hooks.example.com/alerts/x",
        "https://hooks.example.com:8443/alerts/x",
        "https://hooks.example.com.attacker.example/alerts/x",
        "https://evil.example/alerts/x",
        "http://intranet.example/hooks/x",
        "http://intranet.example:80/hooks/x",
        "http://169.254.169.254/latest/meta-data/",
        "ftp://hooks.example.com/alerts/x",
        "/alerts/x",
        "https://hooks.example.com/alerts/x#frag"})
    void urlsOutsideEveryPrefixShouldBeRefused(String url) {
        assertThatThrownBy(() -> list.check(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userInfoShouldBeRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> list.check("https://admin:hunter2@hooks.example.com/alerts/x"))
                .hasMessageContaining("user info").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> list.check("https://hooks.example.com@evil.example/alerts/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCalledUrlShouldBeTheNormalisedOne() {
        assertThat(list.check("https://hooks.example.com/alerts/a/./b")).hasToString("https://hooks.example.com/alerts/a/b");
    }

    @Test
    void aPrefixWithoutPathShouldCoverTheWholeHostOnly() {
        UrlAllowList host = new UrlAllowList(List.of("https://hooks.example.com"));
        assertThat(host.check("https://hooks.example.com/any/path")).isNotNull();
        assertThatThrownBy(() -> host.check("https://hooks.example.com.evil.example/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
