package io.alertstream.testkit;

import static io.alertstream.testkit.KafkaTestClients.consumer;
import static io.alertstream.testkit.KafkaTestClients.poll;
import static io.alertstream.testkit.KafkaTestClients.producer;
import static io.alertstream.testkit.KafkaTestClients.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process KRaft broker: produce/consume, topics, transactions, stop/restart with data and offsets. */
class EmbeddedKafkaIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldDeliverProducedRecordsToAConsumer() throws Exception {
        kafka.createTopic("plain", 3, Map.of());
        send(kafka.bootstrapServers(), "plain", "a", "b", "c");

        try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers(), "plain-reader", Map.of())) {
            assertThat(poll(consumer, "plain", 3, TIMEOUT)).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void shouldAcceptCreatingAnExistingTopicAndKeepItsPartitions() throws Exception {
        kafka.createTopic("twice", 2, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("twice", 5, Map.of());

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of("twice")).allTopicNames().get(30, TimeUnit.SECONDS)
                .get("twice").partitions().size();
            assertThat(partitions).isEqualTo(2);
        }
    }

    @Test
    void shouldNotAutoCreateTopics() {
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "v")).get())
                .satisfiesAnyOf(
                    e -> assertThat(e).hasRootCauseInstanceOf(UnknownTopicOrPartitionException.class),
                    e -> assertThat(e).hasMessageContaining("not present in metadata"));
        }
    }

    @Test
    void shouldExposeOnlyCommittedTransactionsToReadCommittedConsumers() throws Exception {
        kafka.createTopic("transactional", 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers(),
            Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "aborted"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "committed"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrapServers(), "tx-reader",
            Map.of("isolation.level", "read_committed"))) {
            List<String> values = poll(consumer, "transactional", 1, TIMEOUT);
            // Poll a little longer: an aborted record that slipped through would arrive in the same batch.
            values.addAll(poll(consumer, "transactional", 1, Duration.ofSeconds(1)));
            assertThat(values).containsExactly("committed");
        }
    }

    @Test
    void shouldKeepRecordsAndCommittedOffsetsAcrossRestartOnTheSamePort(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("kafka-data");
        try (EmbeddedKafka restartable = EmbeddedKafka.builder().dataDir(dataDir).start()) {
            String bootstrap = restartable.bootstrapServers();
            restartable.createTopic("durable", 1, Map.of());
            send(bootstrap, "durable", "before-1", "before-2");
            try (KafkaConsumer<String, String> consumer = consumer(bootstrap, "durable-reader", Map.of())) {
                assertThat(poll(consumer, "durable", 2, TIMEOUT)).containsExactly("before-1", "before-2");
                consumer.commitSync();
            }

            restartable.stop();
            assertThat(reachable(bootstrap)).isFalse();
            restartable.restart();

            assertThat(restartable.bootstrapServers()).isEqualTo(bootstrap);
            send(bootstrap, "durable", "after-1");
            try (KafkaConsumer<String, String> sameGroup = consumer(bootstrap, "durable-reader", Map.of())) {
                assertThat(poll(sameGroup, "durable", 1, TIMEOUT)).containsExactly("after-1");
            }
            try (KafkaConsumer<String, String> newGroup = consumer(bootstrap, "fresh-reader", Map.of())) {
                assertThat(poll(newGroup, "durable", 3, TIMEOUT)).containsExactly("before-1", "before-2", "after-1");
            }
        }
        assertThat(Files.exists(dataDir.resolve("meta.properties"))).as("a given data dir survives close()").isTrue();

        // A new broker on the same data dir (as a dev stack started again) finds the data, on new ports.
        try (EmbeddedKafka again = EmbeddedKafka.builder().dataDir(dataDir).start();
             KafkaConsumer<String, String> consumer = consumer(again.bootstrapServers(), "second-life-reader", Map.of())) {
            assertThat(poll(consumer, "durable", 3, TIMEOUT)).containsExactly("before-1", "before-2", "after-1");
        }
    }

    @Test
    void shouldDeleteATemporaryDataDirOnClose() {
        EmbeddedKafka temporary = EmbeddedKafka.start();
        Path dataDir = temporary.dataDir();
        assertThat(dataDir.resolve("meta.properties")).exists();

        temporary.close();

        assertThat(dataDir).doesNotExist();
    }

    private static boolean reachable(String bootstrap) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000))) {
            admin.describeCluster().clusterId().get(3, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
