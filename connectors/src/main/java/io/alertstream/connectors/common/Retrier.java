package io.alertstream.connectors.common;

import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every sink retries a store that is down or overloaded: the {@code max.retries}, {@code retry.backoff.ms}
 * and {@code retry.backoff.max.ms} keys, the backoff between tries, and the retry loop itself.
 *
 * <p>Backoff is kafka-clients' {@link ExponentialBackoff}: {@code retry.backoff.ms} before the first retry,
 * doubling on each further one, at most {@code retry.backoff.max.ms}, with ±20% jitter (the clients'
 * {@code retry.backoff} jitter) so several tasks do not hammer a recovering store in step. No wait exceeds
 * {@code retry.backoff.max.ms}.
 *
 * <p>Two uses: {@link #call} runs an operation until it succeeds, throws (a failure not worth retrying), or has
 * been retried {@code max.retries} times, then hands the caller's exception (a {@code RetriableException}, so
 * Connect redelivers the batch) back; the writers of the Elasticsearch and Redis sinks use it. The notification
 * sinks never block on one receiver: they park its lane for {@link #backoffBeforeRetry} and go on with others.
 */
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    public static final String MAX_RETRIES_CONFIG = "max.retries";
    private static final String MAX_RETRIES_DOC = "How many times a failed write (connection error, timeout, "
            + "HTTP 429/5xx, Redis outage) is retried inside the task before the batch is handed back to Connect "
            + "with a retriable error; Connect then redelivers it after retry.backoff.max.ms, again and again, "
            + "so nothing is lost while the store is down.";
    public static final int MAX_RETRIES_DEFAULT = 5;
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "Wait before the first retry; doubles on each further retry.";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 200;
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "Upper bound of the wait between retries, and the "
            + "pause Connect takes before redelivering a batch that exhausted max.retries.";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 5_000;
    /** Kafka clients' jitter ({@code CommonClientConfigs.RETRY_BACKOFF_JITTER}): each wait is 80..120% of nominal. */
    public static final double JITTER = 0.2;

    private final int maxRetries;
    private final long backoffMs;
    private final long maxBackoffMs;
    private final ExponentialBackoff backoff;
    private final Runnable onRetry;

    /** @param maxRetries retries after the first try; {@link Integer#MAX_VALUE}: never give up */
    public Retrier(int maxRetries, long backoffMs, long maxBackoffMs) {
        this(maxRetries, backoffMs, maxBackoffMs, () -> { });
    }

    private Retrier(int maxRetries, long backoffMs, long maxBackoffMs, Runnable onRetry) {
        this.maxRetries = maxRetries;
        this.backoffMs = backoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.backoff = new ExponentialBackoff(backoffMs, 2, maxBackoffMs, JITTER);
        this.onRetry = onRetry;
    }

    public static void define(ConfigDef def, String group, int firstOrder) {
        def.define(MAX_RETRIES_CONFIG, ConfigDef.Type.INT, MAX_RETRIES_DEFAULT, ConfigDef.Range.atLeast(0),
                ConfigDef.Importance.LOW, MAX_RETRIES_DOC, group, firstOrder, ConfigDef.Width.SHORT, "Max retries");
        defineBackoff(def, group, firstOrder + 1, RETRY_BACKOFF_MS_DOC, RETRY_BACKOFF_MAX_MS_DOC);
    }

    /**
     * Only the two backoff keys, with the caller's documentation: for sinks that never give up inside the
     * task (the notification sinks retry each receiver in its own lane until a maximum age).
     */
    public static void defineBackoff(ConfigDef def, String group, int firstOrder, String backoffDoc,
                                     String maxBackoffDoc) {
        def.define(RETRY_BACKOFF_MS_CONFIG, ConfigDef.Type.LONG, RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                        ConfigDef.Importance.LOW, backoffDoc, group, firstOrder, ConfigDef.Width.SHORT,
                        "Retry backoff (ms)")
                .define(RETRY_BACKOFF_MAX_MS_CONFIG, ConfigDef.Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT,
                        ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW, maxBackoffDoc, group, firstOrder + 1,
                        ConfigDef.Width.SHORT, "Max retry backoff (ms)");
    }

    /** The retrier of a config defined with {@link #define}. */
    public static Retrier from(AbstractConfig config) {
        return new Retrier(config.getInt(MAX_RETRIES_CONFIG), config.getLong(RETRY_BACKOFF_MS_CONFIG),
                config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** The retrier of a config defined with {@link #defineBackoff}: unlimited retries. */
    public static Retrier backoffFrom(AbstractConfig config) {
        return new Retrier(Integer.MAX_VALUE, config.getLong(RETRY_BACKOFF_MS_CONFIG),
                config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** The backoff bounds must be ordered (ExponentialBackoff would silently use the maximum for both). */
    public static Optional<ConfigProblem> crossFieldProblem(AbstractConfig config) {
        if (config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG) < config.getLong(RETRY_BACKOFF_MS_CONFIG)) {
            return Optional.of(new ConfigProblem(RETRY_BACKOFF_MAX_MS_CONFIG,
                    RETRY_BACKOFF_MAX_MS_CONFIG + " must be >= " + RETRY_BACKOFF_MS_CONFIG));
        }
        return Optional.empty();
    }

    /** This retrier, also running {@code onRetry} before each retry of {@link #call} (e.g. a retry counter). */
    public Retrier onRetry(Runnable onRetry) {
        return new Retrier(maxRetries, backoffMs, maxBackoffMs, onRetry);
    }

    public int maxRetries() {
        return maxRetries;
    }

    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    /** Wait before retry number {@code retry} (1-based): exponential, capped, jittered, never above the maximum. */
    public long backoffBeforeRetry(int retry) {
        return backoff.backoff(Math.max(retry - 1, 0));
    }

    /** What one try returned: a result, or a failure worth another try. */
    public sealed interface Outcome<T> permits Done, Failed {
    }

    public record Done<T>(T value) implements Outcome<T> {
    }

    /**
     * @param what   what failed, for the log line (e.g. "3 documents not acknowledged")
     * @param reason why, free of secrets
     * @param cause  the exception, or null
     */
    public record Failed<T>(String what, String reason, Throwable cause) implements Outcome<T> {
    }

    public static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    public static <T> Outcome<T> failed(String what, String reason, Throwable cause) {
        return new Failed<>(what, reason, cause);
    }

    /** One try. A failure that retrying cannot fix (bad credentials, a refused request) is thrown, not returned. */
    @FunctionalInterface
    public interface Attempt<T> {
        Outcome<T> run();
    }

    /** The exception to throw once the retries are spent (or the thread is interrupted). */
    @FunctionalInterface
    public interface GiveUp {
        RuntimeException exception(int retries, Failed<?> last);
    }

    /**
     * Runs {@code attempt} until it is {@link Done}, retrying a {@link Failed} one after {@link #backoffBeforeRetry}
     * up to {@code max.retries} times; then throws {@code giveUp}'s exception. An interrupt ends the retries
     * after the current try (and stays set for the caller to see).
     */
    public <T> T call(Attempt<T> attempt, GiveUp giveUp) {
        for (int retries = 0; ; retries++) {
            Outcome<T> outcome = attempt.run();
            if (outcome instanceof Done<T> done) {
                return done.value();
            }
            Failed<T> failed = (Failed<T>) outcome;
            if (retries >= maxRetries || Thread.currentThread().isInterrupted()) {
                throw giveUp.exception(retries, failed);
            }
            LOG.warn("{} (retry {} of {}): {}", failed.what(), retries + 1, maxRetries, failed.reason());
            onRetry.run();
            sleep(backoffBeforeRetry(retries + 1));
        }
    }

    /** The backoff between tries, on the task thread that called: it has nothing else to do until the write is done or given up. */
    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Retrier(maxRetries=" + maxRetries + ", " + backoff + ")";
    }
}
