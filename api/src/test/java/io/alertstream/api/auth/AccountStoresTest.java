package io.alertstream.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.ApiTopics;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** The global accounts and tokens stores, on TopologyTestDriver. */
class AccountStoresTest {
    private static final ApiTopics TOPICS = new ApiTopics("users", "tokens", "events", "alerts", "rules", "rule-problems");

    private static TopologyTestDriver driver() {
        StreamsBuilder builder = new StreamsBuilder();
        AccountStores.addTo(builder, TOPICS);
        Properties p = new Properties();
        p.put("application.id", "account-stores-test");
        p.put("bootstrap.servers", "unused:9092");
        return new TopologyTestDriver(builder.build(), p);
    }

    @Test
    void shouldKeepTheFirstRegistrationOfAUserIdAndIgnoreLaterOnes() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, Account> users = driver.createInputTopic("users", new StringSerializer(),
                    AccountStores.ACCOUNT_SERDE.serializer());
            Account first = new Account("ann", "ann@example.com", "hash-1", "2026-12-02T10:00:00Z", "reg-1");
            Account second = new Account("ann", "other@example.com", "hash-2", "2026-12-02T10:00:01Z", "reg-2");
            users.pipeInput(AccountStores.usersKey(first), first);
            users.pipeInput(AccountStores.usersKey(second), second);
            users.pipeInput(AccountStores.usersKey(second), null);
            KeyValueStore<String, Account> store = driver.getKeyValueStore(AccountStores.USERS_STORE);
            assertThat(store.get("ann")).isEqualTo(first);
            assertThat(store.approximateNumEntries()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepTheLatestRecordOfATokenAndDeleteOnATombstone() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, ApiToken> tokens = driver.createInputTopic("tokens", new StringSerializer(),
                    AccountStores.TOKEN_SERDE.serializer());
            ApiToken t = new ApiToken("t1", "ann", "ci", "hash", "2026-12-02T10:00:00Z", null);
            tokens.pipeInput("t1", t);
            tokens.pipeInput("t1", t.revoked("2026-12-02T11:00:00Z"));
            KeyValueStore<String, ApiToken> store = driver.getKeyValueStore(AccountStores.TOKENS_STORE);
            assertThat(store.get("t1").revokedAt()).isEqualTo("2026-12-02T11:00:00Z");
            tokens.pipeInput("t1", null);
            assertThat(store.get("t1")).isNull();
        }
    }
}
