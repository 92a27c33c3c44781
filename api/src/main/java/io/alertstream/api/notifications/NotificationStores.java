package io.alertstream.api.notifications;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.support.RateLimitedLog;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification history of the API topology. Input: the engine's {@code notifications} topic (keyed by
 * notification id, read as text so a record that is not a notification is skipped with a rate-limited warning, never a
 * thread stopper). Each notification is split into one record per alert it names ({@link NotificationReader}), keyed by
 * alert key and repartitioned ({@value #BY_ALERT}) so one alert's notifications meet in one task. Output: the logged
 * stores {@link ApiStores#NOTIFICATIONS} (bounded per alert, {@link SentNotifications}) and {@link ApiStores#FLAPPING}.
 */
public final class NotificationStores {
    /** The repartition's name: its topic is {@code <application.id>-api-notifications-by-alert-repartition}. */
    public static final String BY_ALERT = "api-notifications-by-alert";
    public static final Serde<SentNotifications> HISTORY_SERDE = new JsonSerde<>(SentNotifications.class);
    static final Serde<NotificationReader.Named> NAMED_SERDE = new JsonSerde<>(NotificationReader.Named.class);
    static final Serde<Alert> ALERT_SERDE = new JsonSerde<>(Alert.class);
    private static final Logger LOG = LoggerFactory.getLogger(NotificationStores.class);
    private static final RateLimitedLog WARNINGS = new RateLimitedLog(LOG, 60_000);

    private NotificationStores() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ApiStores.NOTIFICATIONS), Serdes.String(),
                HISTORY_SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ApiStores.FLAPPING), Serdes.String(), ALERT_SERDE));
        builder.stream(topics.notifications(), Consumed.with(Serdes.String(), Serdes.String()).withName("api-notifications-source"))
                .flatMap((id, value) -> perAlert(id, value), Named.as("api-notifications-per-alert"))
                .repartition(Repartitioned.with(Serdes.String(), NAMED_SERDE).withName(BY_ALERT))
                .process(NotificationHistoryUpdater::new, Named.as("api-notification-history"), ApiStores.NOTIFICATIONS, ApiStores.FLAPPING);
    }

    private static List<KeyValue<String, NotificationReader.Named>> perAlert(String id, String value) {
        if (value == null) {
            return List.of();
        }
        try {
            return NotificationReader.read(value).stream().map(n -> KeyValue.pair(n.alertKey(), n)).toList();
        } catch (IllegalArgumentException e) {
            WARNINGS.warn("malformed", System.currentTimeMillis(), "Skipped notification {} that the API cannot read: {}", id, e.getMessage());
            return List.of();
        }
    }
}
