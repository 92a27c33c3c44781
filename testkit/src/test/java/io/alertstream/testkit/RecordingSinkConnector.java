package io.alertstream.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A test sink that records every value it receives, per connector name, in this JVM.
 *
 * <p>Input: records from the topics in {@code topics}. Output: {@link #received(String)} for the
 * connector's name. Exists to prove that the embedded Connect worker discovers a connector through
 * {@code META-INF/services} and delivers records to its task.
 */
public class RecordingSinkConnector extends SinkConnector {

    private static final Map<String, Collection<Object>> RECEIVED = new ConcurrentHashMap<>();

    private Map<String, String> config;

    static Collection<Object> received(String connectorName) {
        return RECEIVED.computeIfAbsent(connectorName, name -> new ConcurrentLinkedQueue<>());
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return Task.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(config);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef();
    }

    @Override
    public String version() {
        return "test";
    }

    /** Appends each record's value to the queue of its connector. */
    public static class Task extends SinkTask {
        private Collection<Object> sink;

        @Override
        public void start(Map<String, String> props) {
            sink = received(props.get("name"));
        }

        @Override
        public void put(Collection<SinkRecord> records) {
            records.forEach(record -> sink.add(record.value()));
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "test";
        }
    }
}
