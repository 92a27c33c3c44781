package io.alertstream.connectors.common;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * How often and how patiently a writer retries a store that is down or overloaded, before it gives the
 * batch back to Connect as a {@code RetriableException} (Connect then redelivers the same records).
 *
 * <p>Backoff grows exponentially from {@code retry.backoff.ms} up to {@code retry.backoff.max.ms}, with
 * jitter so several tasks do not hammer a recovering store in step.
 */
public record RetryPolicy(int maxRetries, long backoffMs, long maxBackoffMs) {
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

    public static void define(ConfigDef def, String group, int firstOrder) {
        def.define(MAX_RETRIES_CONFIG, ConfigDef.Type.INT, MAX_RETRIES_DEFAULT, ConfigDef.Range.atLeast(0),
                        ConfigDef.Importance.LOW, MAX_RETRIES_DOC, group, firstOrder, ConfigDef.Width.SHORT,
                        "Max retries")
                .define(RETRY_BACKOFF_MS_CONFIG, ConfigDef.Type.LONG, RETRY_BACKOFF_MS_DEFAULT,
                        ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW, RETRY_BACKOFF_MS_DOC, group,
                        firstOrder + 1, ConfigDef.Width.SHORT, "Retry backoff (ms)")
                .define(RETRY_BACKOFF_MAX_MS_CONFIG, ConfigDef.Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT,
                        ConfigDef.Range.atLeast(0), ConfigDef.Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC, group,
                        firstOrder + 2, ConfigDef.Width.SHORT, "Max retry backoff (ms)");
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

    /** The policy of a config defined with {@link #defineBackoff}: unlimited retries. */
    public static RetryPolicy backoffFrom(AbstractConfig config) {
        return new RetryPolicy(Integer.MAX_VALUE, config.getLong(RETRY_BACKOFF_MS_CONFIG),
                config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    public static RetryPolicy from(AbstractConfig config) {
        return new RetryPolicy(config.getInt(MAX_RETRIES_CONFIG), config.getLong(RETRY_BACKOFF_MS_CONFIG),
                config.getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** The backoff bounds must be ordered. */
    public static java.util.Optional<ConfigProblem> crossFieldProblem(RetryPolicy policy) {
        if (policy.maxBackoffMs() < policy.backoffMs()) {
            return java.util.Optional.of(new ConfigProblem(RETRY_BACKOFF_MAX_MS_CONFIG,
                    RETRY_BACKOFF_MAX_MS_CONFIG + " must be >= " + RETRY_BACKOFF_MS_CONFIG));
        }
        return java.util.Optional.empty();
    }

    /** Wait before retry number {@code attempt} (1-based): exponential, capped, with up to 20% jitter. */
    public long backoffBeforeRetry(int attempt) {
        long exponential = backoffMs << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(exponential, 0), maxBackoffMs);
        long jitter = capped / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 5 + 1);
        return Math.min(capped + jitter, maxBackoffMs);
    }

    /** Sleeps before a retry; an interrupt ends the wait early and is kept for the caller to see. */
    public void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(backoffBeforeRetry(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
