package io.alertstream.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's one background thread: takes events from the buffer in batches (up to {@code batchSize}
 * events, or what arrived within {@code linger} of the batch's first event), hands each batch to the
 * {@link Transport}, and on a {@link TransientFailure} retries the same batch, minus what the failure says
 * was delivered or rejected, after a backoff, for as long as it takes. While it retries, the application's
 * events queue up in the buffer behind the batch (the caller never waits); only {@code close()} ends the
 * retrying, by interrupting this thread once its flush bound has passed.
 *
 * <p>Output: the counters {@link #sent()} and {@link #rejected()}, {@link #inFlight()} for the events taken
 * from the buffer and not yet settled, the rejection callback, and a notification on {@link #progress()}
 * each time events are settled (what {@code flush} waits on).
 */
final class Sender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    private static final long IDLE_POLL_MS = 100;
    private static final long LINGER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BlockingQueue<byte[]> buffer;
    private final Transport transport;
    private final int batchSize;
    private final long lingerMs;
    private final ExponentialBackoff backoff;
    private final Consumer<RejectedEvent> onRejected;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final Object progress = new Object();
    /** Only this sender's thread changes the batch; others read its size, and its content after join. */
    private final List<byte[]> batch = new ArrayList<>();
    private volatile int inFlight;
    /** While someone waits in flush, a batch goes out without lingering. */
    private volatile int flushers;
    private volatile boolean stopping;

    Sender(BlockingQueue<byte[]> buffer, Transport transport, int batchSize, long lingerMs, ExponentialBackoff backoff,
           Consumer<RejectedEvent> onRejected) {
        this.buffer = buffer;
        this.transport = transport;
        this.batchSize = batchSize;
        this.lingerMs = lingerMs;
        this.backoff = backoff;
        this.onRejected = onRejected;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (batch.isEmpty()) {
                    collect();
                    if (batch.isEmpty()) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                }
                deliver();
            }
        } catch (InterruptedException e) {
            // close() gave up waiting: what is left in the batch and the buffer is reported by close().
            Thread.currentThread().interrupt();
        }
    }

    /** Fills the batch: blocks up to a moment for the first event, then lingers for more up to the batch size. */
    private void collect() throws InterruptedException {
        byte[] first = buffer.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMs);
        while (batch.size() < batchSize) {
            buffer.drainTo(batch, batchSize - batch.size());
            inFlight = batch.size();
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0 || flushers > 0 || stopping) {
                break;
            }
            // In short slices, so that a flush that starts meanwhile sends the batch at once.
            byte[] next = buffer.poll(Math.min(left, LINGER_SLICE_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
        inFlight = batch.size();
    }

    /** Delivers the batch, retrying transient failures with backoff until it is settled or this thread is interrupted. */
    private void deliver() throws InterruptedException {
        int attempt = 0;
        while (!batch.isEmpty()) {
            try {
                transport.deliver(List.copyOf(batch));
                settle(batch.size(), List.of());
                if (attempt > 0) {
                    LOG.info("Delivering events again after {} failed attempt(s)", attempt);
                }
                return;
            } catch (PermanentFailure f) {
                settle(batch.size(), f.rejections());
                return;
            } catch (TransientFailure f) {
                dropSettled(f.delivered(), f.rejected());
                // The server's Retry-After wins over our own backoff: it knows when it will take events again.
                long waitMs = f.retryAfter().isPresent() ? Math.max(0, f.retryAfter().get().toMillis()) : backoff.backoff(attempt);
                logFailure(attempt, waitMs, f);
                attempt++;
                Thread.sleep(waitMs);
            } catch (RuntimeException e) {
                // A transport bug must not end the only sender thread: treat it as transient, loudly.
                long waitMs = backoff.backoff(attempt++);
                LOG.error("The transport threw unexpectedly; retrying the batch of {} in {} ms", batch.size(), waitMs, e);
                Thread.sleep(waitMs);
            }
        }
    }

    private void logFailure(int attempt, long waitMs, TransientFailure f) {
        if (attempt == 0) {
            LOG.warn("Could not deliver {} event(s), retrying until it works (next in {} ms): {}", batch.size(), waitMs, f.getMessage());
        } else {
            LOG.debug("Attempt {} failed for {} event(s), next in {} ms: {}", attempt + 1, batch.size(), waitMs, f.getMessage());
        }
    }

    /** The whole batch is done: {@code rejections} were refused, the rest delivered. */
    private void settle(int size, List<Rejection> rejections) {
        Set<Integer> refused = report(rejections);
        sent.addAndGet(size - refused.size());
        rejected.addAndGet(refused.size());
        batch.clear();
        inFlight = 0;
        notifyProgress();
    }

    /** Part of the batch is done before a transient failure: removes it so the retry sends only the rest. */
    private void dropSettled(Set<Integer> delivered, List<Rejection> rejections) {
        if (delivered.isEmpty() && rejections.isEmpty()) {
            return;
        }
        Set<Integer> refused = report(rejections);
        Set<Integer> done = new HashSet<>(refused);
        int counted = 0;
        for (int i : delivered) {
            if (i >= 0 && i < batch.size() && done.add(i)) {
                counted++;
            }
        }
        sent.addAndGet(counted);
        rejected.addAndGet(refused.size());
        List<byte[]> rest = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!done.contains(i)) {
                rest.add(batch.get(i));
            }
        }
        batch.clear();
        batch.addAll(rest);
        inFlight = batch.size();
        notifyProgress();
    }

    /** Tells the callback of each rejection (once per index); returns the indices rejected. */
    private Set<Integer> report(List<Rejection> rejections) {
        Set<Integer> refused = new HashSet<>();
        for (Rejection r : rejections) {
            if (r.index() < 0 || r.index() >= batch.size() || !refused.add(r.index())) {
                continue;
            }
            try {
                onRejected.accept(new RejectedEvent(new String(batch.get(r.index()), StandardCharsets.UTF_8), r.reason(), r.detail()));
            } catch (RuntimeException e) {
                LOG.warn("The onRejected callback threw; ignored", e);
            }
        }
        return refused;
    }

    private void notifyProgress() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    long sent() {
        return sent.get();
    }

    long rejected() {
        return rejected.get();
    }

    int inFlight() {
        return inFlight;
    }

    Object progress() {
        return progress;
    }

    void flushStarted() {
        synchronized (progress) {
            flushers++;
        }
    }

    void flushEnded() {
        synchronized (progress) {
            flushers--;
        }
    }

    /** Asks the thread to end once the buffer is empty; it keeps delivering until then (or until interrupted). */
    void stopWhenDrained() {
        stopping = true;
    }

    /** After the thread has ended: the events it held and did not settle. */
    List<byte[]> unsettled() {
        return List.copyOf(batch);
    }
}
