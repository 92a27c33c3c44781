package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

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
    void defaultsShouldNeedNoSettings() {
        WebhookSinkConnectorConfig config = new WebhookSinkConnectorConfig(Map.of());

        assertThat(config.defaultFormat()).isEqualTo(WebhookFormat.JSON);
        assertThat(config.timeout().toMillis()).isEqualTo(10_000);
        assertThat(config.authorizationHeader()).isEmpty();
        assertThat(config.crossFieldProblems()).isEmpty();
    }

    @Test
    void authHeadersShouldBeBuiltFromSecretsThatStayHidden() {
        Map<String, String> props = new HashMap<>(Map.of("webhook.auth.type", "bearer", "webhook.auth.token", "tok-123"));
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
                "webhook.allowed.url.prefixes")).singleElement().asString().contains("ending its host part with '/'");
        assertThat(errors(Map.of("webhook.allowed.url.prefixes", "ftp://x/"), "webhook.allowed.url.prefixes")).isNotEmpty();
        assertThat(errors(Map.of("webhook.allowed.url.prefixes", "https://a.example.com/, https://b.example.com/x/"),
                "webhook.allowed.url.prefixes")).isEmpty();
        assertThat(errors(Map.of("webhook.timeout.ms", "0"), "webhook.timeout.ms")).isNotEmpty();
    }
}
