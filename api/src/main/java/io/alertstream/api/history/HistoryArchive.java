package io.alertstream.api.history;

import io.alertstream.api.alerts.LocalAlerts;
import io.alertstream.topology.model.Alert;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The long-term store of alert transitions that answers history older than the API's own history store
 * keeps (its retention). Implemented by {@link ElasticsearchHistory}, where the Elasticsearch sink writes
 * the {@code alerts} topic; behind an interface so the endpoint's merging is testable without a server.
 */
public interface HistoryArchive {

    /**
     * Transitions with {@code from <= at < until}, of {@code rule} when it is not null, that {@code visible}
     * accepts: the oldest {@code limit} of them, oldest first, and whether there were more.
     *
     * @throws ArchiveUnavailableException when the archive cannot answer (down, timeout, refused): the caller
     *         must not answer with a part of the range silently missing
     */
    LocalAlerts.HistoryPage range(Instant from, Instant until, String rule, Predicate<Alert> visible, int limit);

    /** Where the archive is, for logs and problem details (never with credentials). */
    String describe();
}
