package io.alertstream.connectors.common;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The connector half shared by both sinks: validates the config (single keys through the
 * {@code ConfigDef}, then cross-field problems attached to the key to change), and hands every task the
 * same properties (tasks split work through Kafka partitions, not through config).
 */
public abstract class ValidatingSinkConnector extends SinkConnector {
    private Map<String, String> props;

    /** Parses the properties (throwing {@code ConfigException} on a bad key) and lists cross-field problems. */
    protected abstract List<ConfigProblem> crossFieldProblems(Map<String, String> props);

    @Override
    public void start(Map<String, String> props) {
        List<ConfigProblem> problems = crossFieldProblems(props);
        if (!problems.isEmpty()) {
            throw new ConnectException("Invalid " + getClass().getSimpleName() + " configuration: " + problems);
        }
        this.props = Map.copyOf(props);
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
        return ConfigProblem.attach(result, crossFieldProblems(connectorConfigs));
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
