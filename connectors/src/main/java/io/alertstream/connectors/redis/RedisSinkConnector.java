package io.alertstream.connectors.redis;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.ValidatingSinkConnector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Kafka Connect sink writing alertstream window counters ({@code counters} topic) into Redis hashes.
 *
 * <p>Input: counter records {@code {"ruleId","groupKey","windowStart","windowEnd","value","count"}}.
 * Output: absolute values per window plus a monotonic {@code latest} entry, one hash per rule and group
 * (layout in {@link CounterKeyLayout}); replays and reordering are harmless. Reference: CONFIGURATION.md.
 */
public class RedisSinkConnector extends ValidatingSinkConnector {

    @Override
    protected List<ConfigProblem> crossFieldProblems(Map<String, String> props) {
        return new RedisSinkConnectorConfig(props).crossFieldProblems();
    }

    @Override
    protected String malformedBehaviorKey() {
        return RedisSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RedisSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return RedisSinkConnectorConfig.CONFIG_DEF;
    }
}
