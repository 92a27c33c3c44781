package io.alertstream.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** How EventSender tells acknowledged, buffer full (429) and unavailable (503) apart. */
class EventSenderTest {
    private static final List<ProducerRecord<byte[], byte[]>> ONE = List.of(new ProducerRecord<>("", null, 1L, null, "{}".getBytes(), null));

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void shouldReportAcknowledgedEventsOnTheEventsTopic() {
        MockProducer<byte[], byte[]> mock = producer(true);
        assertThat(new EventSender(mock, "events", Duration.ofSeconds(1)).send(ONE)).isEqualTo(EventSender.Outcome.ACKNOWLEDGED);
        assertThat(mock.history()).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("events"));
    }

    @Test
    void shouldReportAFullBufferAsBufferFull() {
        MockProducer<byte[], byte[]> mock = producer(false);
        mock.sendException = new BufferExhaustedException("full");
        assertThat(new EventSender(mock, "events", Duration.ofSeconds(1)).send(ONE)).isEqualTo(EventSender.Outcome.BUFFER_FULL);
    }

    @Test
    void shouldReportADeliveryTimeoutAsUnavailable() {
        MockProducer<byte[], byte[]> mock = producer(false);
        mock.sendException = new TimeoutException("Expiring 1 record(s)");
        assertThat(new EventSender(mock, "events", Duration.ofSeconds(1)).send(ONE)).isEqualTo(EventSender.Outcome.UNAVAILABLE);
    }

    @Test
    void shouldReportAFullBufferReportedThroughTheFutureAsBufferFull() throws Exception {
        MockProducer<byte[], byte[]> mock = producer(false);
        Thread failer = new Thread(() -> {
            while (mock.history().isEmpty()) {
                Thread.onSpinWait();
            }
            mock.errorNext(new BufferExhaustedException("full"));
        });
        failer.start();
        assertThat(new EventSender(mock, "events", Duration.ofSeconds(5)).send(ONE)).isEqualTo(EventSender.Outcome.BUFFER_FULL);
        failer.join();
    }

    @Test
    void shouldReportNoAcknowledgementWithinTheTimeoutAsUnavailable() {
        MockProducer<byte[], byte[]> mock = producer(false);
        assertThat(new EventSender(mock, "events", Duration.ofMillis(10)).send(ONE)).isEqualTo(EventSender.Outcome.UNAVAILABLE);
    }
}
