package io.alertstream.connectors.webhook;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.ValidatingSinkConnector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Kafka Connect sink POSTing alertstream notifications ({@code notifications} topic, {@code channel: webhook})
 * to the webhook each one names. Records of other channels are skipped. Reference: CONFIGURATION.md.
 */
public class WebhookSinkConnector extends ValidatingSinkConnector {

    @Override
    protected List<ConfigProblem> crossFieldProblems(Map<String, String> props) {
        return new WebhookSinkConnectorConfig(props).crossFieldProblems();
    }

    @Override
    protected String malformedBehaviorKey() {
        return WebhookSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return WebhookSinkConnectorConfig.CONFIG_DEF;
    }
}
