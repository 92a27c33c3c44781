package io.alertstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The client's buffering, batching, retrying, dropping, flush and close, over a {@link FakeTransport}. */
class AlertstreamClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Map<String, Object> event(int seq) {
        return Map.of("service", "checkout", "status", 500, "seq", seq);
    }

    @Test
    void shouldSendAFullBatchWithoutWaitingForTheLinger() throws Exception {
        FakeTransport fake = new FakeTransport();
        try (AlertstreamClient client = AlertstreamClient.custom(fake).batchSize(5).linger(Duration.ofMinutes(1)).build()) {
            IntStream.range(0, 5).forEach(i -> client.send(event(i)));

            Conditions.await(() -> fake.accepted.size() == 5, WAIT, () -> "a batch of 5, got " + fake.calls);
            assertThat(fake.calls).extracting(FakeTransport.Call::size).containsExactly(5);
            assertThat(fake.acceptedSeqs()).containsExactly(0, 1, 2, 3, 4);
        }
    }

    @Test
    void shouldSendAPartialBatchOnceTheLingerHasPassed() throws Exception {
        FakeTransport fake = new FakeTransport();
        try (AlertstreamClient client = AlertstreamClient.custom(fake).batchSize(500).lingerMs(300).build()) {
            long sentAt = System.nanoTime();
            IntStream.range(0, 3).forEach(i -> client.send(event(i)));

            Conditions.await(() -> fake.accepted.size() == 3, WAIT, () -> "3 events");
            assertThat(fake.calls).extracting(FakeTransport.Call::size).containsExactly(3);
            long waitedMs = (fake.calls.get(0).nanos() - sentAt) / 1_000_000;
            assertThat(waitedMs).as("the batch lingered for more events").isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void shouldSplitABacklogIntoBatchesOfTheConfiguredSize() throws Exception {
        FakeTransport fake = new FakeTransport().hang();
        try (AlertstreamClient client = AlertstreamClient.custom(fake).batchSize(4).lingerMs(0).build()) {
            client.send(event(0));
            Conditions.await(() -> fake.calls.size() == 1, WAIT, () -> "the first call");
            IntStream.range(1, 11).forEach(i -> client.send(event(i)));
            fake.release();

            assertThat(client.flush(WAIT)).isTrue();
            assertThat(fake.calls).extracting(FakeTransport.Call::size).containsExactly(1, 4, 4, 2);
            assertThat(fake.acceptedSeqs()).isEqualTo(IntStream.range(0, 11).boxed().toList());
        }
    }

    @Test
    void shouldRetryTheSameBatchWithGrowingBackoffAndLoseNothing() throws Exception {
        FakeTransport fake = new FakeTransport().failTransiently(4);
        try (AlertstreamClient client = AlertstreamClient.custom(fake).batchSize(100).lingerMs(0)
                .backoff(Duration.ofMillis(40), Duration.ofSeconds(1)).build()) {
            client.send(event(0));
            Conditions.await(() -> fake.calls.size() >= 1, WAIT, () -> "the first attempt");
            IntStream.range(1, 50).forEach(i -> client.send(event(i)));

            assertThat(client.flush(WAIT)).isTrue();
            assertThat(fake.acceptedSeqs()).as("every event once, in order").isEqualTo(IntStream.range(0, 50).boxed().toList());
            assertThat(fake.calls.subList(0, 5)).extracting(FakeTransport.Call::size).as("the same batch, five times")
                    .containsOnly(1);
            // Attempt n waits 40 ms * 2^n within ±20 %: at least 32, 64, 128, 256 ms.
            for (int n = 0; n < 4; n++) {
                long gapMs = (fake.calls.get(n + 1).nanos() - fake.calls.get(n).nanos()) / 1_000_000;
                assertThat(gapMs).as("wait before retry %d", n + 1).isGreaterThanOrEqualTo((40L << n) * 8 / 10 - 1); // -1: the jitter is a double, the sleep whole milliseconds
            }
            assertThat(client.sent()).isEqualTo(50);
            assertThat(client.dropped()).isZero();
            assertThat(client.pending()).isZero();
        }
    }

    @Test
    void shouldHonourTheRetryAfterOfATransientFailure() throws Exception {
        FakeTransport fake = new FakeTransport().then(events -> {
            throw new TransientFailure("429", null, Duration.ofMillis(700), Set.of(), List.of());
        });
        try (AlertstreamClient client = AlertstreamClient.custom(fake).lingerMs(0).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()) {
            client.send(event(0));
            assertThat(client.flush(WAIT)).isTrue();
            long gapMs = (fake.calls.get(1).nanos() - fake.calls.get(0).nanos()) / 1_000_000;
            assertThat(gapMs).isGreaterThanOrEqualTo(690);
        }
    }

    @Test
    void shouldRetryOnlyWhatATransientFailureLeftUndelivered() throws Exception {
        FakeTransport fake = new FakeTransport().hang().then(events -> { }).then(events -> {
            throw new TransientFailure("half", null, null, Set.of(0, 1), List.of(new Rejection(2, "invalid", "x")));
        });
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.custom(fake).lingerMs(0).onRejected(rejected::add)
                .backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build()) {
            client.send(event(0));
            Conditions.await(() -> fake.calls.size() == 1, WAIT, () -> "the first call");
            client.send(event(1));
            client.send(event(2));
            client.send(event(3));
            client.send(event(4));
            fake.release();
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(fake.acceptedSeqs()).containsExactly(0, 1, 2, 4);
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).json()).contains("\"seq\":3");
            assertThat(client.sent()).isEqualTo(4);
            assertThat(client.rejected()).isEqualTo(1);
        }
    }

    @Test
    void shouldDropBeyondTheBufferAndCountExactly() throws Exception {
        FakeTransport fake = new FakeTransport().hang();
        List<Object> dropped = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.custom(fake).bufferCapacity(10).batchSize(1).lingerMs(0)
                .onDrop((event, reason) -> dropped.add(reason + ":" + ((Map<?, ?>) event).get("seq"))).build()) {
            client.send(event(0));
            Conditions.await(() -> fake.calls.size() == 1, WAIT, () -> "event 0 in flight");

            List<Boolean> accepted = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                accepted.add(client.send(event(i)));
            }

            assertThat(accepted.stream().filter(a -> a).count()).isEqualTo(10);
            assertThat(client.dropped()).isEqualTo(15);
            assertThat(dropped).isEqualTo(IntStream.rangeClosed(11, 25).mapToObj(i -> "BUFFER_FULL:" + i).toList());
            assertThat(client.pending()).isEqualTo(11);

            fake.release();
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(fake.acceptedSeqs()).isEqualTo(IntStream.rangeClosed(0, 10).boxed().toList());
        }
    }

    @Test
    void shouldNeverBlockTheCallerEvenWhenTheTransportHangs() throws Exception {
        FakeTransport fake = new FakeTransport().hang();
        List<DropReason> reasons = new CopyOnWriteArrayList<>();
        AlertstreamClient client = AlertstreamClient.custom(fake).bufferCapacity(1_000).closeTimeout(Duration.ofMillis(300))
                .onDrop((event, reason) -> reasons.add(reason)).build();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            client.send(event(i));
        }
        long sendMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(sendMs).as("20,000 sends into a hung transport").isLessThan(3_000);
        assertThat(client.flush(Duration.ofMillis(200))).as("flush times out").isFalse();

        long closing = System.nanoTime();
        client.close();
        assertThat((System.nanoTime() - closing) / 1_000_000).as("close is bounded").isLessThan(3_000);
        assertThat(client.sent()).isZero();
        assertThat(client.dropped()).as("every event is accounted for").isEqualTo(20_000);
        assertThat(reasons).contains(DropReason.BUFFER_FULL, DropReason.CLOSE_TIMEOUT);
        assertThat(reasons.stream().filter(r -> r == DropReason.CLOSE_TIMEOUT).count()).isBetween(1_000L, 1_000L + 500L);
        assertThat(fake.closed).isTrue();
    }

    @Test
    void shouldFlushOnCloseWithoutWaitingForTheLinger() throws Exception {
        FakeTransport fake = new FakeTransport();
        AlertstreamClient client = AlertstreamClient.custom(fake).linger(Duration.ofMinutes(5)).build();
        IntStream.range(0, 20).forEach(i -> client.send(event(i)));
        long closing = System.nanoTime();
        client.close();

        assertThat((System.nanoTime() - closing) / 1_000_000).isLessThan(5_000);
        assertThat(fake.acceptedSeqs()).isEqualTo(IntStream.range(0, 20).boxed().toList());
        assertThat(client.send(event(99))).as("send after close").isFalse();
        assertThat(client.dropped()).isEqualTo(1);
    }

    @Test
    void shouldReportPermanentRejectionsOnceAndNotRetryThem() throws Exception {
        FakeTransport fake = new FakeTransport().hang().then(events -> { }).then(events -> {
            throw new PermanentFailure("bad", List.of(new Rejection(1, "invalid_field", "status is not a number")));
        });
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.custom(fake).lingerMs(0).onRejected(rejected::add).build()) {
            client.send(event(0));
            Conditions.await(() -> fake.calls.size() == 1, WAIT, () -> "the first call");
            client.send(event(1));
            client.send(event(2));
            client.send(event(3));
            fake.release();
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(rejected).extracting(RejectedEvent::reason, RejectedEvent::detail)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("invalid_field", "status is not a number"));
            assertThat(rejected.get(0).json()).contains("\"seq\":2");
            assertThat(fake.acceptedSeqs()).containsExactly(0, 1, 3);
            assertThat(client.rejected()).isEqualTo(1);
            assertThat(client.sent()).isEqualTo(3);
        }
    }

    @Test
    void shouldDropWhatIsNotAJsonObject() {
        List<DropReason> reasons = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.custom(new FakeTransport()).onDrop((e, r) -> reasons.add(r)).build()) {
            assertThat(client.send("just a string")).isFalse();
            assertThat(client.send(new Object())).isFalse();
            assertThat(client.send(new Reading("checkout", 503))).isTrue();
            assertThat(reasons).containsExactly(DropReason.NOT_SERIALIZABLE, DropReason.NOT_SERIALIZABLE);
        }
    }

    record Reading(String service, int status) {
    }
}
