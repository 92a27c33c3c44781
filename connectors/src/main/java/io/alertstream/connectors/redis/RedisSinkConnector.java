package io.alertstream.connectors.redis;

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
 * Kafka Connect sink writing alertstream window counters ({@code counters} topic) into Redis hashes.
 *
 * <p>Input: counter records {@code {"ruleId","groupKey","windowStart","windowEnd","value","count"}}.
 * Output: absolute values per window plus a monotonic {@code latest} entry, one hash per rule and group
 * (layout in {@link CounterKeyLayout}); replays and reordering are harmless. Reference: CONFIGURATION.md.
 */
public class RedisSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(props);
        List<ConfigProblem> problems = config.crossFieldProblems();
        if (!problems.isEmpty()) {
            throw new ConnectException("Invalid Redis sink configuration: " + problems);
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RedisSinkTask.class;
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
        return ConfigProblem.attach(result, new RedisSinkConnectorConfig(connectorConfigs).crossFieldProblems());
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return RedisSinkConnectorConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
