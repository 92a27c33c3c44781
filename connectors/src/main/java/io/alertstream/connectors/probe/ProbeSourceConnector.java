package io.alertstream.connectors.probe;

import io.alertstream.connectors.common.ConnectorVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source that probes the URLs of the {@code targets} topic on their schedule and writes one
 * result per check to the {@code probes} topic. Tasks split the targets by a hash of the target id
 * ({@link TargetAssignment}): each task is told its index and the task count. Reference: CONFIGURATION.md.
 */
public class ProbeSourceConnector extends SourceConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new ProbeSourceConnectorConfig(props); // fails with a ConfigException naming the bad key
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ProbeSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(ProbeSourceTask.TASK_INDEX, String.valueOf(i));
            task.put(ProbeSourceTask.TASK_COUNT, String.valueOf(maxTasks));
            task.put(io.alertstream.connectors.metrics.ConnectorMetrics.TASK_INDEX_CONFIG, String.valueOf(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return ProbeSourceConnectorConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
