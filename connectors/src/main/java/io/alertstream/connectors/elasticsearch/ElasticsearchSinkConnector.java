package io.alertstream.connectors.elasticsearch;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.ValidatingSinkConnector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Kafka Connect sink writing JSON records (alertstream events, alerts, counters) into Elasticsearch.
 *
 * <p>Input: any topics whose values are JSON objects. Output: one document per record, idempotent on
 * replay (document id from a field or topic+partition+offset), in indices named by {@code index.pattern},
 * with a composable index template installed per topic. Configuration reference: CONFIGURATION.md.
 */
public class ElasticsearchSinkConnector extends ValidatingSinkConnector {

    @Override
    protected List<ConfigProblem> crossFieldProblems(Map<String, String> props) {
        return new ElasticsearchSinkConnectorConfig(props).crossFieldProblems();
    }

    @Override
    protected String malformedBehaviorKey() {
        return ElasticsearchSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ElasticsearchSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return ElasticsearchSinkConnectorConfig.CONFIG_DEF;
    }
}
