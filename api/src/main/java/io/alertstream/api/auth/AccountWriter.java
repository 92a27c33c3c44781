package io.alertstream.api.auth;

import io.alertstream.api.ApiTopics;
import io.alertstream.api.http.AcknowledgedWriter;
import java.time.Duration;
import java.util.Properties;

/**
 * Writes accounts and tokens to their compacted topics; returns once the brokers have the write (a write they
 * did not take answers 503, never success).
 */
public final class AccountWriter implements AutoCloseable {
    private final AcknowledgedWriter<Account> users;
    private final AcknowledgedWriter<ApiToken> tokens;
    private final ApiTopics topics;

    public AccountWriter(Properties clientProps, ApiTopics topics, Duration timeout) {
        this.users = new AcknowledgedWriter<>(clientProps, "accounts", AccountStores.ACCOUNT_SERDE.serializer(), timeout);
        this.tokens = new AcknowledgedWriter<>(clientProps, "tokens", AccountStores.TOKEN_SERDE.serializer(), timeout);
        this.topics = topics;
    }

    public void write(Account a) {
        users.write(topics.users(), AccountStores.usersKey(a), a);
    }

    public void write(ApiToken t) {
        tokens.write(topics.tokens(), t.id(), t);
    }

    @Override
    public void close() {
        users.close();
        tokens.close();
    }
}
