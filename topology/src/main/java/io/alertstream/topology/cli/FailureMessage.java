package io.alertstream.topology.cli;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One line that says why a command failed and, for the failures a new user meets first, what fixes it:
 * the messages of the exception and its causes (each once), plus a hint for Kafka's authorization,
 * authentication and metadata-timeout errors.
 */
final class FailureMessage {
    private FailureMessage() {
    }

    static String of(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        String hint = "";
        for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m.replace('\n', ' ').strip());
            }
            if (hint.isEmpty()) {
                hint = hint(t);
            }
        }
        if (parts.isEmpty()) {
            parts.add(e.getClass().getSimpleName());
        }
        return String.join(": ", parts) + hint;
    }

    private static String hint(Throwable t) {
        if (t instanceof AuthorizationException) {
            return " (the principal lacks an ACL: README, Operations > Security lists what each command needs; or have an "
                    + "administrator create the topics, e.g. kafka-topics.sh --create --topic rules --config cleanup.policy=compact)";
        }
        if (t instanceof AuthenticationException) {
            return " (check security.protocol, sasl.mechanism and sasl.jaas.config in --config or ALERTSTREAM_KAFKA_* variables)";
        }
        if (t instanceof TimeoutException) {
            return " (is the broker at --bootstrap-servers reachable, and are the topics there? With auto-creation off, "
                    + "`alertstream rules apply` or `run` creates them)";
        }
        return "";
    }
}
