package io.alertstream.connectors.notification;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.Retrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The "Delivery" group shared by the email and webhook sinks: per-receiver retry lanes (see
 * {@link ReceiverLanes}), their backoff, how long a notification may stay undelivered before it is
 * dead-lettered, and how many may wait in memory.
 */
public final class NotificationDeliveryConfig {
    public static final String MAX_DELIVERY_AGE_MS_CONFIG = "notify.max.delivery.age.ms";
    private static final String MAX_DELIVERY_AGE_MS_DOC = "How long a notification may stay undelivered, counted "
            + "from the first attempt, while its receiver keeps failing (timeouts, connection errors, HTTP "
            + "408/429/5xx, SMTP 4xx). After that it goes to the errant-record reporter (dead-letter topic with "
            + "errors.tolerance=all) with the reason, or is logged and skipped per behavior.on.malformed.records.";
    public static final long MAX_DELIVERY_AGE_MS_DEFAULT = Duration.ofHours(1).toMillis();
    public static final String MAX_PENDING_CONFIG = "notify.max.pending.notifications";
    private static final String MAX_PENDING_DOC = "How many notifications may wait in memory for receivers that "
            + "keep failing. When full, the task stops taking records (Connect pauses and redelivers the batch "
            + "after retry.backoff.max.ms) until lanes drain or expire; nothing is dropped.";
    public static final int MAX_PENDING_DEFAULT = 10_000;
    private static final String BACKOFF_DOC = "Wait before retrying a receiver after its first failure; doubles "
            + "with each further failure of that receiver. Other receivers are delivered meanwhile.";
    private static final String MAX_BACKOFF_DOC = "Upper bound of the wait between retries of one receiver, and "
            + "the pause Connect takes before redelivering a batch refused because notify.max.pending.notifications "
            + "is reached.";

    private NotificationDeliveryConfig() {
    }

    static final String GROUP = "Delivery";

    public static void define(ConfigDef def) {
        Retrier.defineBackoff(def, GROUP, 1, BACKOFF_DOC, MAX_BACKOFF_DOC);
        def.define(MAX_DELIVERY_AGE_MS_CONFIG, ConfigDef.Type.LONG, MAX_DELIVERY_AGE_MS_DEFAULT,
                        ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM, MAX_DELIVERY_AGE_MS_DOC, GROUP, 3,
                        ConfigDef.Width.SHORT, "Max delivery age (ms)")
                .define(MAX_PENDING_CONFIG, ConfigDef.Type.INT, MAX_PENDING_DEFAULT, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW, MAX_PENDING_DOC, GROUP, 4, ConfigDef.Width.SHORT,
                        "Max pending notifications");
    }

    public static List<ConfigProblem> crossFieldProblems(AbstractConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Retrier.crossFieldProblem(config).ifPresent(problems::add);
        return problems;
    }

    /** What the delivery loop needs, parsed once. */
    public record Settings(Retrier backoff, long maxDeliveryAgeMs, int maxPending) {
        public static Settings from(AbstractConfig config) {
            return new Settings(Retrier.backoffFrom(config), config.getLong(MAX_DELIVERY_AGE_MS_CONFIG),
                    config.getInt(MAX_PENDING_CONFIG));
        }
    }
}
