package io.alertstream.connectors.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import org.elasticsearch.client.ResponseException;

/**
 * Sorts Elasticsearch failures into what the sink does with them.
 *
 * <ul>
 *   <li>{@link Kind#RETRIABLE}: the cluster is down, slow or overloaded (connection errors, timeouts, HTTP
 *       408/429/5xx, a read-only index block 403): retry, then hand back to Connect.</li>
 *   <li>{@link Kind#MALFORMED}: the document itself is wrong (HTTP 400 and other 4xx for one bulk item,
 *       e.g. a mapping conflict): dead-letter queue or {@code behavior.on.malformed.documents}.</li>
 *   <li>{@link Kind#FATAL}: configuration the operator must fix (401/403 credentials). A 413 (request too
 *       large) is handled by the bulk writer, which splits the request.</li>
 * </ul>
 */
public final class ElasticsearchFailures {
    /** What to do with a failure. */
    public enum Kind { RETRIABLE, MALFORMED, FATAL }

    private static final String INDEX_BLOCK = "cluster_block_exception";

    private ElasticsearchFailures() {
    }

    /** A failed item of a bulk response. */
    public static Kind classifyItem(int status, String errorType) {
        if (status == 408 || status == 429 || status >= 500) {
            return Kind.RETRIABLE;
        }
        if (INDEX_BLOCK.equals(errorType)) {
            // Read-only block after a disk flood stage: clears once space is freed.
            return Kind.RETRIABLE;
        }
        if (status == 401 || status == 403) {
            return Kind.FATAL;
        }
        return Kind.MALFORMED;
    }

    /** A whole request that failed (no per-item answer). Never MALFORMED: one document cannot be blamed. */
    public static Kind classifyRequest(Throwable failure) {
        int status = statusOf(failure);
        if (status > 0) {
            if (status == 408 || status == 429 || status >= 500) {
                return Kind.RETRIABLE;
            }
            return status == 403 && INDEX_BLOCK.equals(errorTypeOf(failure)) ? Kind.RETRIABLE : Kind.FATAL;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                // Refused or reset connection, timeout, DNS: the cluster is unreachable for now.
                return Kind.RETRIABLE;
            }
        }
        return Kind.FATAL;
    }

    /** The HTTP status carried anywhere in the cause chain, or -1. */
    public static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e) {
                return e.status();
            }
            if (t instanceof TransportException e && e.statusCode() > 0) {
                return e.statusCode();
            }
            if (t instanceof ResponseException e) {
                return e.getResponse().getStatusLine().getStatusCode();
            }
        }
        return -1;
    }

    private static String errorTypeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException e && e.error() != null) {
                return e.error().type();
            }
        }
        return null;
    }

    /** The operator's next step for a fatal status, naming the config key to change. */
    public static String hintFor(int status) {
        return switch (status) {
            case 401 -> "check " + ElasticsearchConnectionConfig.USERNAME_CONFIG + "/"
                    + ElasticsearchConnectionConfig.PASSWORD_CONFIG + " or " + ElasticsearchConnectionConfig.API_KEY_CONFIG;
            case 403 -> "grant the user of " + ElasticsearchConnectionConfig.USERNAME_CONFIG + " or "
                    + ElasticsearchConnectionConfig.API_KEY_CONFIG + " the index and manage_index_templates privileges";
            case 413 -> "lower " + ElasticsearchSinkConnectorConfig.BATCH_SIZE_CONFIG;
            default -> "check " + ElasticsearchConnectionConfig.CONNECTION_URLS_CONFIG + " and the Elasticsearch logs";
        };
    }
}
