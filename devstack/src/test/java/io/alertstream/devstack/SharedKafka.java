package io.alertstream.devstack;

import io.alertstream.testkit.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded KRaft broker for every integration test class of the run, started by the first class
 * that needs it and closed when the test run ends. Classes stay apart through their own topic names
 * and application ids ({@link StreamsFixture}); sharing saves a broker start (3-8 s under load) per
 * class. Use: {@code @RegisterExtension static final SharedKafka KAFKA = new SharedKafka();}.
 */
final class SharedKafka implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafka.class);
    private volatile EmbeddedKafka kafka;

    /** Closed by JUnit with the root context, after the last test class. */
    private record Broker(EmbeddedKafka kafka) implements AutoCloseable {
        @Override
        public void close() {
            kafka.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("broker", key -> new Broker(EmbeddedKafka.start()), Broker.class).kafka();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }
}
