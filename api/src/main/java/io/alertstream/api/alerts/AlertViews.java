package io.alertstream.api.alerts;

import io.alertstream.api.ApiTopics;
import org.apache.kafka.streams.StreamsBuilder;

/** The firing-alerts and transitions stores of the API topology (to be built). */
public final class AlertViews {
    private AlertViews() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
    }
}
