package io.alertstream.api.auth;

import io.alertstream.api.ApiTopics;
import org.apache.kafka.streams.StreamsBuilder;

/** The accounts and tokens stores of the API topology (to be built). */
public final class AccountStores {
    private AccountStores() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
    }
}
