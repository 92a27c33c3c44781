package io.alertstream.api.auth;

import io.alertstream.api.StreamsAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's global accounts and tokens stores ({@link AccountStores}). While the API's
 * Streams application is not running the reads answer 503 ({@link StreamsAccess#globalStores()}).
 * {@link #awaitUser} and {@link #awaitToken} wait, bounded, until a write has reached this instance's
 * store, so an answer given after a write is true on this instance from then on.
 */
public final class AccountDirectory {
    private final StreamsAccess streams;

    public AccountDirectory(StreamsAccess streams) {
        this.streams = streams;
    }

    public Optional<Account> user(String user) {
        return Optional.ofNullable(store(AccountStores.USERS_STORE, Account.class).get(user));
    }

    public Optional<ApiToken> token(String id) {
        return Optional.ofNullable(store(AccountStores.TOKENS_STORE, ApiToken.class).get(id));
    }

    /** Every token of {@code owner}, revoked ones too, oldest first. */
    public List<ApiToken> tokensOf(String owner) {
        List<ApiToken> out = new ArrayList<>();
        try (KeyValueIterator<String, ApiToken> it = store(AccountStores.TOKENS_STORE, ApiToken.class).all()) {
            while (it.hasNext()) {
                KeyValue<String, ApiToken> kv = it.next();
                if (owner.equals(kv.value.owner())) {
                    out.add(kv.value);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(ApiToken::createdAt).thenComparing(ApiToken::id));
        return out;
    }

    /** The account of {@code user} once this store has one and it passes {@code until}; empty after {@code timeout}. */
    public Optional<Account> awaitUser(String user, Duration timeout) {
        return await(() -> user(user), a -> true, timeout);
    }

    /** The token {@code id} once it passes {@code until}; empty after {@code timeout}. */
    public Optional<ApiToken> awaitToken(String id, Predicate<ApiToken> until, Duration timeout) {
        return await(() -> token(id), until, timeout);
    }

    private static <T> Optional<T> await(java.util.function.Supplier<Optional<T>> read, Predicate<T> until, Duration timeout) {
        return StreamsAccess.awaitRead(() -> read.get().orElse(null), v -> v != null && until.test(v), timeout) ? read.get() : Optional.empty();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        return streams.globalStore(name);
    }
}
