package io.alertstream.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.MalformedRecordBehavior;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** Elasticsearch sink config: defaults, single-key validation and cross-field problems. */
class ElasticsearchSinkConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("connection.urls", "http://127.0.0.1:9200");
        props.put("errors.tolerance", "all");
        return props;
    }

    @Test
    void shouldApplyDocumentedDefaults() {
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(minimal());
        assertThat(config.connectionUrls()).containsExactly("http://127.0.0.1:9200");
        assertThat(config.indexPattern().toString()).isEqualTo("{topic}");
        assertThat(config.eventTimeField()).isEqualTo("timestamp");
        assertThat(config.documentIdField()).isEmpty();
        assertThat(config.batchSize()).isEqualTo(1000);
        assertThat(config.behaviorOnMalformed()).isEqualTo(MalformedRecordBehavior.FAIL);
        assertThat(config.templateProfile()).isEqualTo(TemplateProfile.EVENT);
        assertThat(config.crossFieldProblems()).isEmpty();
    }

    @Test
    void shouldRequireUrlsAndRejectNonHttpOnes() {
        assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connection.urls");
        Map<String, String> props = minimal();
        props.put("connection.urls", "ftp://es:21");
        assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(props))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connection.urls");
    }

    @Test
    void credentialsInUrlsShouldBeRefusedWithoutEchoingThem() {
        Map<String, String> props = minimal();
        props.put("connection.urls", "https://elastic:pa55word@es:9200");
        assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(props))
                .isInstanceOf(ConfigException.class).hasMessageContaining("connection.username")
                .hasMessageNotContaining("pa55word");
    }

    @Test
    void shouldRejectUnknownBehaviorListingTheChoices() {
        Map<String, String> props = minimal();
        props.put("behavior.on.malformed.documents", "explode");
        assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(props))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[fail, warn, ignore]");
        props.put("behavior.on.malformed.documents", "WARN");
        assertThat(new ElasticsearchSinkConnectorConfig(props).behaviorOnMalformed())
                .isEqualTo(MalformedRecordBehavior.WARN);
    }

    @Test
    void shouldRejectAnIndexPatternThatCannotNameIndices() {
        Map<String, String> props = minimal();
        props.put("index.pattern", "events-{yyyy.MM.dd");
        assertThatThrownBy(() -> new ElasticsearchSinkConnectorConfig(props))
                .isInstanceOf(ConfigException.class).hasMessageContaining("index.pattern");
    }

    @Test
    void validateShouldReportCrossFieldProblemsOnTheKeyToChange() {
        Map<String, String> props = minimal();
        props.put("connector.class", ElasticsearchSinkConnector.class.getName());
        props.put("connection.username", "elastic");
        props.put("connection.api.key", "abc");
        props.put("retry.backoff.ms", "1000");
        props.put("retry.backoff.max.ms", "10");
        Config result = new ElasticsearchSinkConnector().validate(props);
        assertThat(errors(result, "connection.password")).anyMatch(m -> m.contains("must be set together"));
        assertThat(errors(result, "retry.backoff.max.ms")).anyMatch(m -> m.contains("must be >= retry.backoff.ms"));

        props.put("connection.password", "secret");
        assertThat(errors(new ElasticsearchSinkConnector().validate(props), "connection.api.key"))
                .anyMatch(m -> m.contains("not both"));
    }

    @Test
    void connectorShouldRefuseToStartWithCrossFieldProblems() {
        Map<String, String> props = minimal();
        props.put("connection.username", "elastic");
        assertThatThrownBy(() -> new ElasticsearchSinkConnector().start(props))
                .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class)
                .hasMessageContaining("connection.password");
    }

    @Test
    void everyTaskShouldGetTheConnectorConfigAndItsIndexForMetrics() {
        ElasticsearchSinkConnector connector = new ElasticsearchSinkConnector();
        connector.start(minimal());
        java.util.List<Map<String, String>> configs = connector.taskConfigs(3);
        assertThat(configs).hasSize(3).allSatisfy(c -> assertThat(c).containsAllEntriesOf(minimal()).hasSize(minimal().size() + 1));
        assertThat(configs).extracting(c -> c.get("alertstream.task.index")).containsExactly("0", "1", "2");
    }

    @Test
    void validateShouldFlagATrustStorePasswordWithoutAStore() {
        Map<String, String> props = minimal();
        props.put("connection.ssl.truststore.password", "changeit");
        Config result = new ElasticsearchSinkConnector().validate(props);
        assertThat(errors(result, "connection.ssl.truststore.location")).isNotEmpty();
    }

    @Test
    void passwordsShouldNotAppearInToString() {
        Map<String, String> props = minimal();
        props.put("connection.username", "elastic");
        props.put("connection.password", "s3cr3t-value");
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(props);
        assertThat(config.toString()).doesNotContain("s3cr3t-value");
        assertThat(config.password().value()).isEqualTo("s3cr3t-value");
    }

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElse(List.of());
    }
}
