package io.alertstream.api.auth;

import io.alertstream.api.ApiTopics;
import io.alertstream.topology.model.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The accounts and tokens stores of the API topology: GLOBAL stores, so every instance authenticates
 * any request.
 *
 * <p><b>Accounts, first registration wins.</b> The users topic is keyed by {@code <user>/<registration>},
 * not by user id alone: two instances may sign up one id at once and both produce, and on a topic keyed
 * by user id compaction would keep the LAST of the two, so a restore after compaction would crown the
 * signup that was told 409. Keyed per registration, compaction keeps both, in their order on the one
 * partition, and {@link FirstRegistrationWins} keeps the first one it sees. Kafka Streams 4.3 runs a
 * global store's processor on restore too ({@code StreamsBuilder.addGlobalStore} sets
 * {@code reprocessOnRestore}, KAFKA-7663; read in {@code GlobalStateManagerImpl.reprocessState}), so
 * the rule holds after a restart or with an empty state directory.
 *
 * <p><b>Tokens</b> are keyed by token id, written by one instance each, and a revocation is a newer
 * record of the same id (latest wins, so compaction is right here); a tombstone removes one.
 */
public final class AccountStores {
    public static final String USERS_STORE = "api-users";
    public static final String TOKENS_STORE = "api-tokens";
    static final JsonSerde<Account> ACCOUNT_SERDE = new JsonSerde<>(Account.class);
    static final JsonSerde<ApiToken> TOKEN_SERDE = new JsonSerde<>(ApiToken.class);

    private AccountStores() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USERS_STORE), Serdes.String(), ACCOUNT_SERDE)
                        .withLoggingDisabled(),
                topics.users(), Consumed.with(Serdes.String(), ACCOUNT_SERDE).withName("api-users-source"), FirstRegistrationWins::new);
        // Latest record per token id, a tombstone deletes: the DSL's global table is exactly that.
        builder.globalTable(topics.tokens(), Consumed.with(Serdes.String(), TOKEN_SERDE).withName("api-tokens-source"),
                Materialized.<String, ApiToken, KeyValueStore<Bytes, byte[]>>as(TOKENS_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(TOKEN_SERDE));
    }

    /** The users topic's key for one registration. */
    public static String usersKey(Account a) {
        return a.user() + "/" + a.registration();
    }

    /** Keeps, per user id, the first account record on the topic; ignores later registrations of the id. */
    static final class FirstRegistrationWins implements Processor<String, Account, Void, Void> {
        private KeyValueStore<String, Account> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(USERS_STORE);
        }

        @Override
        public void process(Record<String, Account> record) {
            Account a = record.value();
            if (a == null || a.user() == null || a.registration() == null) {
                return; // a tombstone of a losing registration, or a record this version cannot read: nothing to keep
            }
            Account current = store.get(a.user());
            if (current == null || current.registration().equals(a.registration())) {
                store.put(a.user(), a);
            }
        }
    }
}
