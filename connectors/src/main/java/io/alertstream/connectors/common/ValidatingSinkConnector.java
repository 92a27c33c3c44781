package io.alertstream.connectors.common;

import io.alertstream.connectors.metrics.ConnectorMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The connector half shared by both sinks: validates the config (single keys through the
 * {@code ConfigDef}, then cross-field problems attached to the key to change), and hands every task the
 * same properties (tasks split work through Kafka partitions, not through config), plus the task's index for
 * its metrics ({@link ConnectorMetrics#TASK_INDEX_CONFIG}).
 */
public abstract class ValidatingSinkConnector extends SinkConnector {
    static final String ERRORS_TOLERANCE = "errors.tolerance";
    private Map<String, String> props;

    /** Parses the properties (throwing {@code ConfigException} on a bad key) and lists cross-field problems. */
    protected abstract List<ConfigProblem> crossFieldProblems(Map<String, String> props);

    /** This connector's malformed-record key ({@code behavior.on.malformed.records} or {@code ...documents}). */
    protected abstract String malformedBehaviorKey();

    @Override
    public void start(Map<String, String> props) {
        List<ConfigProblem> problems = problems(props);
        if (!problems.isEmpty()) {
            throw new ConnectException("Invalid " + getClass().getSimpleName() + " configuration: " + problems);
        }
        this.props = Map.copyOf(props);
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(ConnectorMetrics.TASK_INDEX_CONFIG, String.valueOf(i)); // the metrics' task tag only
            configs.add(task);
        }
        return configs;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (ConfigProblem.hasErrors(result)) {
            return result;
        }
        return ConfigProblem.attach(result, problems(connectorConfigs));
    }

    private List<ConfigProblem> problems(Map<String, String> props) {
        List<ConfigProblem> problems = new ArrayList<>(crossFieldProblems(props));
        malformedRecordsStopTheTask(props, malformedBehaviorKey()).ifPresent(problems::add);
        return problems;
    }

    /**
     * 'fail' hands a bad record to Connect's error handling, which with {@code errors.tolerance=none} (Connect's
     * default) fails the task on the first one: one record would stop every later notification or document until
     * a person intervenes. Such a config is refused, naming the two ways out.
     */
    static Optional<ConfigProblem> malformedRecordsStopTheTask(Map<String, String> props, String behaviorKey) {
        String behavior = props.getOrDefault(behaviorKey, MalformedRecordBehavior.FAIL.configValue());
        String tolerance = props.getOrDefault(ERRORS_TOLERANCE, "none");
        if (!MalformedRecordBehavior.FAIL.configValue().equalsIgnoreCase(behavior.trim()) || "all".equalsIgnoreCase(tolerance.trim())) {
            return Optional.empty();
        }
        return Optional.of(new ConfigProblem(behaviorKey, behaviorKey + "=fail hands a bad record to Connect's error handling, and with "
                + ERRORS_TOLERANCE + "=" + tolerance.trim() + " the first bad record stops the task: set " + ERRORS_TOLERANCE
                + "=all and errors.deadletterqueue.topic.name (bad records then go to that topic with the reason in its headers), or set "
                + behaviorKey + "=warn or ignore to log and skip them"));
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
