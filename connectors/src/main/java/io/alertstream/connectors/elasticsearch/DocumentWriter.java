package io.alertstream.connectors.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the sink task needs from Elasticsearch: install an index template and bulk-index documents.
 *
 * <p>Contract of {@link #write}: when it returns, every document not in the returned list has been
 * acknowledged by Elasticsearch; the returned ones were rejected for their content. A store outage that
 * outlasts the configured retries throws {@code org.apache.kafka.connect.errors.RetriableException}; a
 * problem retrying cannot fix (bad credentials) throws {@code ConnectException}.
 */
public interface DocumentWriter extends AutoCloseable {

    /** Creates or replaces the composable index template {@code name}. Same exceptions as {@link #write}. */
    void putIndexTemplate(String name, ObjectNode body);

    List<DocumentRejection> write(List<IndexDocument> documents);

    @Override
    void close();
}
