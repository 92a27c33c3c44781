package io.alertstream.devstack;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGKILLs an exactly-once Streams process at a moment when it has records in an open transaction on a
 * given topic, so that the crash certainly cuts through uncommitted output (and the state changes and
 * input offsets committed with it). Input: the process and the topic it writes; output: whether it was
 * killed. A quick look at the topic's offsets finds an open transaction; the process is then frozen
 * (SIGSTOP) and looked at again after a pause, because a commit it sent just before freezing still
 * completes at the broker; if the transaction is still open it can never be committed, and the
 * process is killed, otherwise it is let go on (SIGCONT).
 */
final class OpenTransactionKill {
    private static final Logger LOG = LoggerFactory.getLogger(OpenTransactionKill.class);
    /** Far longer than the broker needs to complete a commit already sent, far shorter than the session and transaction timeouts. */
    private static final Duration FROZEN = Duration.ofSeconds(1);

    private OpenTransactionKill() {
    }

    /** Kills {@code victim} if a transaction with records on {@code topic} is open now; returns those records (0: not killed). */
    static long attempt(ChildJvm victim, GroupOffsets offsets, String topic) throws Exception {
        if (offsets.inOpenTransactions(topic) == 0) {
            return 0;
        }
        signal(victim, "STOP");
        Thread.sleep(FROZEN.toMillis());
        long open = offsets.inOpenTransactions(topic);
        if (open == 0) {
            LOG.info("The transaction of {} on {} committed while it was frozen; letting it go on", victim.name, topic);
            signal(victim, "CONT");
            return 0;
        }
        victim.kill();
        return open;
    }

    private static void signal(ChildJvm victim, String signal) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, String.valueOf(victim.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + victim.pid() + " exited with " + exit);
        }
    }
}
