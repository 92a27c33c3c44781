package io.alertstream.topology.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a set of topics exists and is served before anyone uses it: creates the missing ones,
 * counts a topic another instance created at the same moment as created, and then waits until the
 * broker describes every topic with a leader for every partition.
 *
 * <p>Why the wait: a topic's creation is acknowledged by the controller before every broker (and
 * every request handler) has its metadata. Describing, producing to or consuming from it at once can
 * fail with {@code UnknownTopicOrPartitionException} or block for {@code max.block.ms}. The wait has a
 * deadline; when it expires the message names the topics not yet served.
 */
public final class TopicEnsurer {
    private static final Logger LOG = LoggerFactory.getLogger(TopicEnsurer.class);
    /** How long to wait between two describes of topics not yet served. */
    private static final long POLL_MS = 100;

    private final Admin admin;
    private final Duration deadline;

    public TopicEnsurer(Admin admin, Duration deadline) {
        this.admin = admin;
        this.deadline = deadline;
    }

    /**
     * Creates what is missing of {@code wanted} (existing topics are left as they are) and returns
     * every wanted topic's description once all of them are served.
     *
     * @throws TopicsNotReadyException when the deadline passes first, naming the topics not served
     */
    public Map<String, TopicDescription> ensure(Collection<NewTopic> wanted) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, NewTopic> byName = new LinkedHashMap<>();
        wanted.forEach(t -> byName.put(t.name(), t));
        createMissing(byName, end);
        return awaitServed(byName.keySet(), end);
    }

    private void createMissing(Map<String, NewTopic> wanted, long end) throws InterruptedException {
        Set<String> existing = call(() -> admin.listTopics().names(), end, "list topics");
        List<NewTopic> missing = wanted.values().stream().filter(t -> !existing.contains(t.name())).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> f : admin.createTopics(missing).values().entrySet()) {
            try {
                f.getValue().get(remainingMs(end), TimeUnit.MILLISECONDS);
                created.add(f.getKey());
            } catch (ExecutionException e) {
                // Instances starting together race to create the same topics: whoever loses finds them made.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(createFailure(f.getKey(), e.getCause()), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new TopicsNotReadyException("Timed out after " + deadline + " creating topic '" + f.getKey() + "'");
            }
        }
        if (!created.isEmpty()) {
            LOG.info("Created topics {}", created);
        }
    }

    private static String createFailure(String topic, Throwable cause) {
        String hint = cause instanceof InvalidReplicationFactorException
                ? " (the replication factor is larger than the number of brokers: lower --replication-factor)"
                : "";
        return "Cannot create topic '" + topic + "': " + cause.getMessage() + hint;
    }

    private Map<String, TopicDescription> awaitServed(Collection<String> topics, long end) throws InterruptedException {
        Map<String, TopicDescription> served = new LinkedHashMap<>();
        Set<String> waiting = new TreeSet<>(topics);
        String lastProblem = "";
        while (true) {
            for (Map.Entry<String, KafkaFuture<TopicDescription>> f : admin.describeTopics(waiting).topicNameValues().entrySet()) {
                try {
                    TopicDescription d = f.getValue().get(Math.max(1, remainingMs(end)), TimeUnit.MILLISECONDS);
                    if (everyPartitionLed(d)) {
                        served.put(f.getKey(), d);
                    } else {
                        lastProblem = "topic '" + f.getKey() + "' has partitions without a leader";
                    }
                } catch (ExecutionException e) {
                    if (!notYetServed(e.getCause())) {
                        throw new IllegalStateException("Cannot describe topic '" + f.getKey() + "': " + e.getCause().getMessage(), e.getCause());
                    }
                    lastProblem = e.getCause().getClass().getSimpleName() + " for '" + f.getKey() + "'";
                } catch (TimeoutException e) {
                    lastProblem = "describe of '" + f.getKey() + "' timed out";
                }
            }
            waiting.removeAll(served.keySet());
            if (waiting.isEmpty()) {
                String notLeading = firstPartitionNotYetLeading(served.values(), end);
                if (notLeading == null) {
                    return served;
                }
                // The metadata names a leader that has not taken the partition over yet: describe again.
                lastProblem = "partition " + notLeading + " not yet served by its leader";
                waiting.addAll(served.keySet());
                served.clear();
            }
            if (System.nanoTime() - end > 0) {
                throw new TopicsNotReadyException("Topics " + waiting + " were not served by the cluster within " + deadline
                        + " (last: " + lastProblem + "); check that the brokers are up and that this client may describe them"
                        + " (alertstream.topics.ready.timeout sets the wait)");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * Asks every partition's leader for its end offset: the metadata can name a leader before that
     * broker serves the partition, and a producer would then meet {@code NotLeaderOrFollowerException}.
     * Returns a partition that is not served yet, or null when all are.
     */
    private String firstPartitionNotYetLeading(Collection<TopicDescription> topics, long end) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicDescription d : topics) {
            for (TopicPartitionInfo p : d.partitions()) {
                request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        ListOffsetsResult result = admin.listOffsets(request);
        for (TopicPartition tp : request.keySet()) {
            try {
                result.partitionResult(tp).get(Math.max(1, remainingMs(end)), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!notYetServed(e.getCause())) {
                    throw new IllegalStateException("Cannot read the end offset of " + tp + ": " + e.getCause().getMessage(), e.getCause());
                }
                return tp.toString();
            } catch (TimeoutException e) {
                return tp.toString();
            }
        }
        return null;
    }

    private static boolean everyPartitionLed(TopicDescription d) {
        if (d.partitions().isEmpty()) {
            return false;
        }
        for (TopicPartitionInfo p : d.partitions()) {
            if (p.leader() == null || p.leader().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A new topic's metadata is still on its way: these go away on their own. */
    private static boolean notYetServed(Throwable cause) {
        return cause instanceof UnknownTopicOrPartitionException
                || cause instanceof LeaderNotAvailableException
                || cause instanceof RetriableException;
    }

    private <T> T call(java.util.function.Supplier<KafkaFuture<T>> request, long end, String what) throws InterruptedException {
        try {
            return request.get().get(Math.max(1, remainingMs(end)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TopicsNotReadyException("Timed out after " + deadline + " trying to " + what
                    + "; is the cluster reachable at bootstrap.servers?");
        }
    }

    private static long remainingMs(long end) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
    }

    /** The topics were not created or not served before the deadline. */
    public static final class TopicsNotReadyException extends IllegalStateException {
        public TopicsNotReadyException(String message) {
            super(message);
        }
    }
}
