package io.alertstream.topology.runtime;

import io.alertstream.topology.runtime.RulesDirectory;
import io.alertstream.topology.sourcefile.RuleProblem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hot reload: watches a rules directory (rule files and the routing file) and, a moment after the last
 * change (editors write in several steps), validates it and publishes what changed. Problems are reported with file, line and
 * column; rules in a broken file keep their last published version. A failed publish is retried at
 * the next change or poll.
 */
public final class RuleDirectoryWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleDirectoryWatcher.class);
    private static final long SETTLE_MS = 300;
    private final Path dir;
    private final RulePublisher publisher;
    private final Consumer<RuleProblem> problems;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean running = true;

    public RuleDirectoryWatcher(Path dir, RulePublisher publisher, Consumer<RuleProblem> problems) throws IOException {
        this.dir = dir;
        this.publisher = publisher;
        this.problems = problems;
        this.watch = FileSystems.getDefault().newWatchService();
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.thread = new Thread(this::loop, "alertstream-rules-watcher");
        this.thread.setDaemon(true);
    }

    /** Publishes the directory once, then watches it. */
    public RuleDirectoryWatcher start() {
        publishNow();
        thread.start();
        return this;
    }

    /** Validates and publishes the directory; returns whether it was free of problems. */
    public boolean publishNow() {
        try {
            RulesDirectory set = RulesDirectory.load(dir);
            set.problems().forEach(problems);
            RulePublisher.Applied applied = publisher.apply(set);
            if (applied.deletionsSkipped()) {
                LOG.warn("Rules in {} have {} problem(s): changed valid rules were published, nothing was deleted, "
                        + "and the rules with problems keep their last good version", dir, set.rules().problems().size());
            }
            if (applied.routing() == RulePublisher.Routing.INVALID_KEPT) {
                LOG.warn("The routing file in {} has {} problem(s): the last good routing keeps running", dir,
                        set.routingProblems().size());
            }
            return set.ok();
        } catch (IOException | RuntimeException | java.util.concurrent.ExecutionException e) {
            LOG.error("Could not publish the rules in {}: {}", dir, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void loop() {
        while (running) {
            try {
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    continue;
                }
                key.pollEvents();
                key.reset();
                // Let the editor finish writing, and fold a burst of events into one reload.
                WatchKey more;
                while ((more = watch.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                publishNow();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        thread.interrupt();
        watch.close();
    }
}
