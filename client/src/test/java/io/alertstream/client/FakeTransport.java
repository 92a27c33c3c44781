package io.alertstream.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link Transport} for unit tests: records every call (time and batch) and every event it accepted,
 * and answers each call from a script ({@link Step}); once the script is used up it accepts. It can
 * also hang in a call until {@link #release()}.
 */
final class FakeTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one call does. */
    interface Step {
        void run(List<byte[]> events) throws TransientFailure, PermanentFailure;
    }

    record Call(long nanos, int size) {
    }

    private final List<Step> script = new CopyOnWriteArrayList<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> accepted = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    volatile boolean closed;

    FakeTransport then(Step step) {
        script.add(step);
        return this;
    }

    FakeTransport failTransiently(int times) {
        for (int i = 0; i < times; i++) {
            then(events -> {
                throw new TransientFailure("broker unreachable (fake)", null);
            });
        }
        return this;
    }

    /** Calls block until {@link #release()}. */
    FakeTransport hang() {
        gate = new CountDownLatch(1);
        return this;
    }

    void release() {
        gate.countDown();
    }

    @Override
    public void deliver(List<byte[]> events) throws TransientFailure, PermanentFailure {
        calls.add(new Call(System.nanoTime(), events.size()));
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailure("interrupted", e);
        }
        Step step = script.isEmpty() ? null : script.remove(0);
        List<Rejection> rejected = new ArrayList<>();
        try {
            if (step != null) {
                step.run(events);
            }
        } catch (PermanentFailure f) {
            rejected.addAll(f.rejections());
            acceptExcept(events, rejected);
            throw f;
        } catch (TransientFailure f) {
            // In batch order: the delivered indexes are a set, whose iteration order (Set.of) is unspecified.
            f.delivered().stream().sorted().forEach(i -> accepted.add(read(events.get(i))));
            throw f;
        }
        acceptExcept(events, rejected);
    }

    private void acceptExcept(List<byte[]> events, List<Rejection> rejected) {
        for (int i = 0; i < events.size(); i++) {
            int index = i;
            if (rejected.stream().noneMatch(r -> r.index() == index)) {
                accepted.add(read(events.get(i)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(byte[] event) {
        try {
            return JSON.readValue(event, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Integer> acceptedSeqs() {
        return accepted.stream().map(e -> ((Number) e.get("seq")).intValue()).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}
