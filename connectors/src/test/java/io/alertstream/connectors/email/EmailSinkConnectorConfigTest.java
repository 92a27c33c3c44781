package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class EmailSinkConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("smtp.host", "smtp.example.com");
        props.put("email.from", "alertstream <alerts@example.com>");
        props.put("errors.tolerance", "all");
        return props;
    }

    private static List<String> errors(Map<String, String> props, String key) {
        Config result = new EmailSinkConnector().validate(props);
        return result.configValues().stream().filter(v -> v.name().equals(key))
                .flatMap(v -> v.errorMessages().stream()).toList();
    }

    @Test
    void defaultsShouldBeSecureAndTheMessageIdDomainShouldComeFromTheSender() {
        EmailSinkConnectorConfig config = new EmailSinkConnectorConfig(minimal());

        assertThat(config.security()).isEqualTo("starttls");
        assertThat(config.port()).isEqualTo(587);
        assertThat(config.username()).isEmpty();
        assertThat(config.messageIdDomain()).isEqualTo("example.com");
        assertThat(config.crossFieldProblems()).isEmpty();
        assertThat(new EmailSinkConnector().validate(minimal()).configValues())
                .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
    }

    @Test
    void validationShouldNameTheKeyOfEachMistake() {
        Map<String, String> props = minimal();
        props.put("smtp.security", "tls13");
        assertThat(errors(props, "smtp.security")).singleElement().asString().contains("none, starttls, ssl");

        props = minimal();
        props.put("email.from", "not an address@@");
        assertThat(errors(props, "email.from")).singleElement().asString().contains("not an email address");

        props = minimal();
        props.put("email.text.alert.template", "{{summary}} {{oops");
        assertThat(errors(props, "email.text.alert.template")).singleElement().asString().contains("malformed placeholder");

        props = minimal();
        props.remove("smtp.host");
        assertThat(errors(props, "smtp.host")).isNotEmpty();
    }

    @Test
    void crossFieldChecksShouldAttachToTheKeyToChange() {
        Map<String, String> props = minimal();
        props.put("smtp.username", "alerts");
        assertThat(errors(props, "smtp.password")).singleElement().asString().contains("must be set together");

        props = minimal();
        props.put("smtp.ssl.truststore.location", "/nonexistent/ca.p12");
        assertThat(errors(props, "smtp.ssl.truststore.location")).singleElement().asString().contains("does not name a readable file");

        props = minimal();
        props.put("retry.backoff.ms", "5000");
        props.put("retry.backoff.max.ms", "100");
        assertThat(errors(props, "retry.backoff.max.ms")).isNotEmpty();
    }

    @Test
    void passwordShouldNeverAppearInTheConfigsStringForm() {
        Map<String, String> props = minimal();
        props.put("smtp.username", "alerts");
        props.put("smtp.password", "s3cr3t-smtp");
        EmailSinkConnectorConfig config = new EmailSinkConnectorConfig(props);

        assertThat(config.password().value()).isEqualTo("s3cr3t-smtp");
        assertThat(config.toString()).doesNotContain("s3cr3t-smtp");
        assertThat(new EmailSinkConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals("smtp.password")).map(ConfigValue::value).map(String::valueOf))
                .noneMatch(text -> text.contains("s3cr3t-smtp"));
    }

    @Test
    void smtpSessionShouldRequireStartTlsAndCheckTheServerIdentity() {
        Map<String, String> props = minimal();
        props.put("smtp.username", "alerts");
        props.put("smtp.password", "pw");
        var session = SmtpMailSender.sessionProperties(new EmailSinkConnectorConfig(props), "smtp");

        assertThat(session).containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.host", "smtp.example.com");
        props.put("smtp.security", "ssl");
        assertThat(SmtpMailSender.sessionProperties(new EmailSinkConnectorConfig(props), "smtps"))
                .containsEntry("mail.smtps.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.smtps.starttls.enable");
    }
}
