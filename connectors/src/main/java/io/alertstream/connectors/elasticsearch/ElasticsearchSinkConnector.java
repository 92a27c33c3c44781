package io.alertstream.connectors.elasticsearch;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.ConnectorVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink writing JSON records (alertstream events, alerts, counters) into Elasticsearch.
 *
 * <p>Input: any topics whose values are JSON objects. Output: one document per record, idempotent on
 * replay (document id from a field or topic+partition+offset), in indices named by {@code index.pattern},
 * with a composable index template installed per topic. Configuration reference: CONFIGURATION.md.
 */
public class ElasticsearchSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(props);
        List<ConfigProblem> problems = config.crossFieldProblems();
        if (!problems.isEmpty()) {
            throw new ConnectException("Invalid Elasticsearch sink configuration: " + problems);
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ElasticsearchSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (ConfigProblem.hasErrors(result)) {
            return result;
        }
        return ConfigProblem.attach(result, new ElasticsearchSinkConnectorConfig(connectorConfigs).crossFieldProblems());
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return ElasticsearchSinkConnectorConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
