package io.alertstream.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/** The one retrier of every sink: its backoff schedule, how many tries it makes, and when it gives up. */
class RetrierTest {
    private static final Retrier.GiveUp GIVE_UP = (retries, last) ->
            new RetriableException("gave up after " + retries + " retries: " + last.reason(), last.cause());

    @Test
    void backoffShouldStartAtRetryBackoffAndDoubleWithinTwentyPercentJitter() {
        Retrier retrier = new Retrier(10, 100, 100_000);
        for (int sample = 0; sample < 200; sample++) {
            assertThat(retrier.backoffBeforeRetry(1)).isBetween(80L, 120L);
            assertThat(retrier.backoffBeforeRetry(2)).isBetween(160L, 240L);
            assertThat(retrier.backoffBeforeRetry(3)).isBetween(320L, 480L);
            assertThat(retrier.backoffBeforeRetry(6)).isBetween(2_560L, 3_840L);
        }
    }

    @Test
    void backoffShouldNeverExceedTheMaximumHoweverManyRetries() {
        Retrier retrier = new Retrier(Integer.MAX_VALUE, 200, 5_000);
        for (int retry = 1; retry < 100; retry++) {
            assertThat(retrier.backoffBeforeRetry(retry)).as("retry %d", retry).isBetween(160L, 5_000L);
        }
        assertThat(retrier.backoffBeforeRetry(Integer.MAX_VALUE)).isBetween(4_000L, 5_000L);
        assertThat(retrier.maxBackoffMs()).isEqualTo(5_000);
    }

    @Test
    void backoffShouldBeTheMaximumWhenTheBoundsAreEqualAndZeroWhenBothAreZero() {
        assertThat(new Retrier(3, 1_000, 1_000).backoffBeforeRetry(1)).isEqualTo(1_000);
        assertThat(new Retrier(3, 1_000, 1_000).backoffBeforeRetry(7)).isEqualTo(1_000);
        assertThat(new Retrier(3, 0, 0).backoffBeforeRetry(4)).isZero();
    }

    @Test
    void callShouldReturnTheFirstSuccessWithoutRetrying() {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        String result = new Retrier(5, 1, 1).onRetry(retried::incrementAndGet)
                .call(() -> Retrier.done("ok-" + tries.incrementAndGet()), GIVE_UP);
        assertThat(result).isEqualTo("ok-1");
        assertThat(retried).hasValue(0);
    }

    @Test
    void callShouldRetryFailuresUntilOneSucceeds() {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        String result = new Retrier(5, 1, 1).onRetry(retried::incrementAndGet).call(() -> tries.incrementAndGet() < 3
                ? Retrier.failed("write failed", "try " + tries.get(), null) : Retrier.done("ok"), GIVE_UP);
        assertThat(result).isEqualTo("ok");
        assertThat(tries).hasValue(3);
        assertThat(retried).as("the retry counter counts retries, not tries").hasValue(2);
    }

    @Test
    void callShouldGiveUpAfterMaxRetriesWithTheLastFailure() {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        IllegalStateException cause = new IllegalStateException("down");
        assertThatThrownBy(() -> new Retrier(2, 1, 1).onRetry(retried::incrementAndGet).call(
                () -> Retrier.failed("write failed", "try " + tries.incrementAndGet(), cause), GIVE_UP))
                .isInstanceOf(RetriableException.class)
                .hasMessage("gave up after 2 retries: try 3")
                .hasCause(cause);
        assertThat(tries).as("first try plus max.retries").hasValue(3);
        assertThat(retried).hasValue(2);
    }

    @Test
    void callWithZeroMaxRetriesShouldTryOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> new Retrier(0, 1, 1).call(
                () -> Retrier.failed("write failed", "try " + tries.incrementAndGet(), null), GIVE_UP))
                .hasMessage("gave up after 0 retries: try 1");
        assertThat(tries).hasValue(1);
    }

    @Test
    void callShouldNotRetryWhatTheAttemptThrows() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> new Retrier(5, 1, 1).call(() -> {
            tries.incrementAndGet();
            throw new ConnectException("bad credentials");
        }, GIVE_UP)).isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void callShouldWaitTheBackoffBetweenTries() {
        List<Long> triedAt = new ArrayList<>();
        assertThatThrownBy(() -> new Retrier(2, 50, 60).call(() -> {
            triedAt.add(System.nanoTime());
            return Retrier.failed("write failed", "down", null);
        }, GIVE_UP)).isInstanceOf(RetriableException.class);
        assertThat(triedAt).hasSize(3);
        // 50 ms -20% jitter, then 100 ms capped at 60 ms -20%; sleep never returns early.
        assertThat((triedAt.get(1) - triedAt.get(0)) / 1_000_000).isGreaterThanOrEqualTo(40);
        assertThat((triedAt.get(2) - triedAt.get(1)) / 1_000_000).isGreaterThanOrEqualTo(48);
    }

    @Test
    void callShouldGiveUpAfterTheCurrentTryWhenInterrupted() {
        AtomicInteger tries = new AtomicInteger();
        try {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> new Retrier(Integer.MAX_VALUE, 1_000, 1_000).call(
                    () -> Retrier.failed("write failed", "try " + tries.incrementAndGet(), null), GIVE_UP))
                    .hasMessage("gave up after 0 retries: try 1");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt stays set").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(tries).hasValue(1);
    }

    @Test
    void configShouldKeepTheKeysDefaultsAndOrderedBounds() {
        ConfigDef def = new ConfigDef();
        Retrier.define(def, "Writes", 1);
        Map<String, ConfigDef.ConfigKey> keys = def.configKeys();
        assertThat(keys).containsOnlyKeys("max.retries", "retry.backoff.ms", "retry.backoff.max.ms");
        assertThat(keys.get("max.retries").defaultValue).isEqualTo(5);
        assertThat(keys.get("retry.backoff.ms").defaultValue).isEqualTo(200L);
        assertThat(keys.get("retry.backoff.max.ms").defaultValue).isEqualTo(5_000L);

        AbstractConfig defaults = new AbstractConfig(def, Map.of());
        Retrier retrier = Retrier.from(defaults);
        assertThat(retrier.maxRetries()).isEqualTo(5);
        assertThat(retrier.maxBackoffMs()).isEqualTo(5_000);
        assertThat(retrier.backoffBeforeRetry(1)).isBetween(160L, 240L);
        assertThat(Retrier.crossFieldProblem(defaults)).isEmpty();

        AbstractConfig reversed = new AbstractConfig(def, Map.of("retry.backoff.ms", "1000", "retry.backoff.max.ms", "10"));
        assertThat(Retrier.crossFieldProblem(reversed)).contains(new ConfigProblem("retry.backoff.max.ms",
                "retry.backoff.max.ms must be >= retry.backoff.ms"));
    }

    @Test
    void backoffOnlyConfigShouldNeverGiveUp() {
        ConfigDef def = new ConfigDef();
        Retrier.defineBackoff(def, "Delivery", 1, "first", "max");
        Retrier retrier = Retrier.backoffFrom(new AbstractConfig(def, Map.of("retry.backoff.ms", "100",
                "retry.backoff.max.ms", "1000")));
        assertThat(def.configKeys()).containsOnlyKeys("retry.backoff.ms", "retry.backoff.max.ms");
        assertThat(retrier.maxRetries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(retrier.backoffBeforeRetry(1)).isBetween(80L, 120L);
        assertThat(retrier.backoffBeforeRetry(30)).isBetween(800L, 1_000L);
    }
}
