package io.alertstream.connectors.email;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.ValidatingSinkConnector;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;

/**
 * Kafka Connect sink sending alertstream notifications ({@code notifications} topic, {@code channel: email})
 * by SMTP. Records of other channels are skipped. Reference: CONFIGURATION.md.
 */
public class EmailSinkConnector extends ValidatingSinkConnector {

    @Override
    protected List<ConfigProblem> crossFieldProblems(Map<String, String> props) {
        return new EmailSinkConnectorConfig(props).crossFieldProblems();
    }

    @Override
    protected String malformedBehaviorKey() {
        return EmailSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return EmailSinkTask.class;
    }

    @Override
    public ConfigDef config() {
        return EmailSinkConnectorConfig.CONFIG_DEF;
    }
}
