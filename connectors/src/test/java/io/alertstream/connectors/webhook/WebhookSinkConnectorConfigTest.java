package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSinkConnectorConfigTest {

    private static List<String> errors(Map<String, String> props, String key) {
        return new WebhookSinkConnector().validate(props).configValues().stream().filter(v -> v.name().equals(key))
                .flatMap(v -> v.errorMessages().stream()).toList();
    }

    @Test
    void defaultsShouldNeedOnlyTheAllowList() {
        WebhookSinkConnectorConfig config = new WebhookSinkConnectorConfig(
                Map.of("webhook.allowed.url.prefixes", "https://hooks.example.com/"));

        assertThat(config.defaultFormat()).isEqualTo(WebhookFormat.JSON);
        assertThat(config.timeout().toMillis()).isEqualTo(10_000);
        assertThat(config.authorizationHeader()).isEmpty();
        assertThat(config.delivery().maxDeliveryAgeMs()).isEqualTo(3_600_000);
        assertThat(config.delivery().maxPending()).isEqualTo(10_000);
        assertThat(config.crossFieldProblems()).isEmpty();
    }

    @Test
    void anEmptyAllowListShouldBeAConfigErrorThatNamesTheKeyToSet() {
        assertThat(errors(Map.of(), "webhook.allowed.url.prefixes")).singleElement().asString()
                .contains("set webhook.allowed.url.prefixes").contains("calls no URL");
        assertThatThrownBy(() -> new WebhookSinkConnector().start(Map.of()))
                .hasMessageContaining("webhook.allowed.url.prefixes");
    }

    @Test
    void credentialsShouldBeBoundToAllowedPrefixes() {
        Map<String, String> props = new HashMap<>(Map.of("webhook.allowed.url.prefixes", "https://a.example/,https://b.example/",
                "webhook.auth.type", "bearer", "webhook.auth.token", "tok"));
        assertThat(errors(props, "webhook.auth.url.prefixes")).singleElement().asString()
                .contains("needs webhook.auth.url.prefixes");
        props.put("webhook.auth.url.prefixes", "https://c.example/");
        assertThat(errors(props, "webhook.auth.url.prefixes")).singleElement().asString()
                .contains("not under webhook.allowed.url.prefixes");
        props.put("webhook.auth.url.prefixes", "https://a.example/hooks/");
        assertThat(errors(props, "webhook.auth.url.prefixes")).isEmpty();
    }

    @Test
    void authHeadersShouldBeBuiltFromSecretsThatStayHidden() {
        Map<String, String> props = new HashMap<>(Map.of("webhook.auth.type", "bearer", "webhook.auth.token", "tok-123",
                "webhook.allowed.url.prefixes", "https://h/", "webhook.auth.url.prefixes", "https://h/"));
        WebhookSinkConnectorConfig bearer = new WebhookSinkConnectorConfig(props);
        assertThat(bearer.authorizationHeader()).hasValueSatisfying(v -> assertThat(v.value()).isEqualTo("Bearer tok-123"));
        assertThat(bearer.authorizationHeader().get().toString()).doesNotContain("tok-123");

        WebhookSinkConnectorConfig basic = new WebhookSinkConnectorConfig(Map.of("webhook.auth.type", "basic",
                "webhook.auth.username", "u", "webhook.auth.password", "p:w"));
        assertThat(basic.authorizationHeader().get().value()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("u:p:w".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void validationShouldNameTheKeyToChange() {
        assertThat(errors(Map.of("webhook.auth.type", "bearer"), "webhook.auth.token")).singleElement().asString()
                .contains("needs webhook.auth.token");
        assertThat(errors(Map.of("webhook.auth.type", "basic", "webhook.auth.username", "u"), "webhook.auth.username"))
                .isNotEmpty();
        assertThat(errors(Map.of("webhook.auth.type", "digest"), "webhook.auth.type")).isNotEmpty();
        assertThat(errors(Map.of("webhook.format.default", "teams"), "webhook.format.default")).isNotEmpty();
        assertThat(errors(Map.of("webhook.allowed.url.prefixes", "https://hooks.example.com"),
                "webhook.allowed.url.prefixes")).as("compared as host, not as text").isEmpty();
        assertThat(errors(Map.of("webhook.allowed.url.prefixes", "ftp://x/"), "webhook.allowed.url.prefixes"))
                .singleElement().asString().contains("entry 1").contains("http(s)");
        assertThat(errors(Map.of("webhook.allowed.url.prefixes", "https://u:pw@x/"), "webhook.allowed.url.prefixes"))
                .singleElement().asString().contains("user info").doesNotContain("pw");
        assertThat(errors(Map.of("webhook.allowed.url.prefixes", "https://a.example.com/, https://b.example.com/x/"),
                "webhook.allowed.url.prefixes")).isEmpty();
        assertThat(errors(Map.of("webhook.timeout.ms", "0"), "webhook.timeout.ms")).isNotEmpty();
    }
}
