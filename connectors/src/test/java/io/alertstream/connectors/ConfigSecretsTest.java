package io.alertstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector;
import io.alertstream.connectors.email.EmailSinkConnector;
import io.alertstream.connectors.redis.RedisSinkConnector;
import io.alertstream.connectors.webhook.WebhookSinkConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

/**
 * No configuration value may reach an error message: each text, list and password key of every connector
 * gets bad values carrying a secret marker (as a plain value, as the user info of a URL, inside broken
 * syntax), and neither {@code validate} nor {@code start} may repeat the marker. Also: every key whose name
 * says it holds a secret is typed {@code PASSWORD}, so Connect hides it in logs and REST answers.
 */
class ConfigSecretsTest {
    private static final String MARKER = "S3CRETMARKER";
    private static final List<String> BAD_VALUES = List.of(
            MARKER,
            "redis://user:" + MARKER + "@h:notaport/x",
            "https://user:" + MARKER + "@hooks.example.com/a",
            "http://[" + MARKER,
            "::" + MARKER + "::",
            "{" + MARKER,
            "{{" + MARKER + "}}",
            "https://h/" + MARKER + "/../x," + MARKER);

    private record Case(String name, Supplier<SinkConnector> connector, Map<String, String> required) {
    }

    private static final List<Case> CASES = List.of(
            new Case("elasticsearch", ElasticsearchSinkConnector::new, Map.of("connection.urls", "http://127.0.0.1:9200")),
            new Case("redis", RedisSinkConnector::new, Map.of()),
            new Case("email", EmailSinkConnector::new, Map.of("smtp.host", "127.0.0.1", "email.from", "a@example.com")),
            new Case("webhook", WebhookSinkConnector::new, Map.of("webhook.allowed.url.prefixes", "https://h.example/")));

    @Test
    void noBadValueShouldBeEchoedByValidateOrStart() {
        List<String> leaks = new ArrayList<>();
        for (Case c : CASES) {
            ConfigDef def = c.connector().get().config();
            for (ConfigDef.ConfigKey key : def.configKeys().values()) {
                if (key.type != ConfigDef.Type.STRING && key.type != ConfigDef.Type.LIST
                        && key.type != ConfigDef.Type.PASSWORD) {
                    continue;
                }
                for (String bad : BAD_VALUES) {
                    Map<String, String> props = new HashMap<>(c.required());
                    props.put(key.name, bad);
                    for (String message : messages(c.connector(), props)) {
                        if (message.contains(MARKER)) {
                            leaks.add(c.name() + " " + key.name + "=" + bad + " -> " + message);
                        }
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void secretLookingKeysShouldBePasswords() {
        for (Case c : CASES) {
            for (ConfigDef.ConfigKey key : c.connector().get().config().configKeys().values()) {
                if (key.name.matches(".*(password|token|secret|api\\.key|\\.uri)$")) {
                    assertThat(key.type).as(c.name() + " " + key.name).isEqualTo(ConfigDef.Type.PASSWORD);
                }
            }
        }
    }

    private static List<String> messages(Supplier<SinkConnector> factory, Map<String, String> props) {
        List<String> messages = new ArrayList<>();
        try {
            for (ConfigValue value : factory.get().validate(props).configValues()) {
                messages.addAll(value.errorMessages());
            }
        } catch (RuntimeException e) {
            collect(e, messages);
        }
        SinkConnector connector = factory.get();
        try {
            connector.start(props);
            connector.stop();
        } catch (RuntimeException e) {
            collect(e, messages);
        }
        return messages;
    }

    private static void collect(Throwable error, List<String> messages) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.add(t.getClass().getName() + ": " + t.getMessage());
            messages.add(String.valueOf(t));
        }
    }
}
