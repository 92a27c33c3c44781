package io.alertstream.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.RecordCoordinates;
import io.alertstream.connectors.common.Retrier;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DocumentWriter} on the Elasticsearch Java client: bulk {@code index} operations (so a replay
 * overwrites), split into requests of {@code batch.size}, up to {@code max.in.flight.requests} at once.
 *
 * <p>Per item: 2xx is acknowledged; 429/5xx items are retried with backoff; content errors are returned
 * as {@link DocumentRejection}s. A failed request (unreachable, timeout, 429/5xx) is retried as a whole; a
 * request refused as too large (413) is split in halves until it fits, and a single document too large
 * for the cluster is a rejection.
 * After {@code max.retries} the call throws {@link RetriableException}; it returns only when every
 * document is either acknowledged or rejected.
 */
public final class ElasticsearchBulkWriter implements DocumentWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchBulkWriter.class);

    private final ElasticsearchClient client;
    private final int batchSize;
    private final Retrier retrier;
    private final ExecutorService inFlight;

    public ElasticsearchBulkWriter(ElasticsearchSinkConnectorConfig config) {
        this(ElasticsearchClients.create(config), config.batchSize(), config.maxInFlightRequests(),
                config.retrier().onRetry(ConnectorMetrics.counter(ConnectorMetrics.ELASTICSEARCH_RETRIES,
                        ConnectorMetrics.taskTags(config.originalsStrings()), "Bulk requests (and index template "
                                + "requests) retried inside the task after an outage, timeout, 429 or 5xx")::increment));
    }

    /** For tests: a client of the test's choosing (e.g. on a fake HTTP server). */
    ElasticsearchBulkWriter(ElasticsearchClient client, int batchSize, int maxInFlight, Retrier retrier) {
        this.client = client;
        this.batchSize = batchSize;
        this.retrier = retrier;
        this.inFlight = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "alertstream-es-bulk");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void putIndexTemplate(String name, ObjectNode body) {
        retrier.call(() -> putIndexTemplateOnce(name, body), (retries, last) -> new RetriableException(
                "Cannot install index template " + name + " after " + retries + " retries: " + last.reason()
                        + ". Is Elasticsearch at " + ElasticsearchConnectionConfig.CONNECTION_URLS_CONFIG + " up?",
                last.cause()));
    }

    private Retrier.Outcome<Void> putIndexTemplateOnce(String name, ObjectNode body) {
        try {
            client.indices().putIndexTemplate(PutIndexTemplateRequest.of(
                    request -> request.withJson(new StringReader(body.toString())).name(name)));
            LOG.info("Index template {} installed for {}", name, body.get("index_patterns"));
            return Retrier.done(null);
        } catch (IOException | RuntimeException e) {
            if (ElasticsearchFailures.classifyRequest(e) == ElasticsearchFailures.Kind.FATAL) {
                int status = ElasticsearchFailures.statusOf(e);
                throw new ConnectException("Elasticsearch refused index template " + name + " (HTTP " + status
                        + "): " + e.getMessage() + "; " + ElasticsearchFailures.hintFor(status), e);
            }
            return Retrier.failed("Installing index template " + name + " failed",
                    ConfigErrors.maskUserInfo(e.getMessage()), e);
        }
    }

    @Override
    public List<DocumentRejection> write(List<IndexDocument> documents) {
        if (documents.size() <= batchSize) {
            return writeBatch(documents);
        }
        List<Future<List<DocumentRejection>>> futures = new ArrayList<>();
        for (int from = 0; from < documents.size(); from += batchSize) {
            List<IndexDocument> batch = documents.subList(from, Math.min(from + batchSize, documents.size()));
            futures.add(inFlight.submit(() -> writeBatch(batch)));
        }
        List<DocumentRejection> rejections = new ArrayList<>();
        RuntimeException failure = null;
        // Wait for every request, even after a failure, so none is still running when the task moves on.
        for (Future<List<DocumentRejection>> future : futures) {
            try {
                rejections.addAll(future.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new ConnectException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("Interrupted while waiting for bulk requests", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return rejections;
    }

    private List<DocumentRejection> writeBatch(List<IndexDocument> batch) {
        BulkBatch bulk = new BulkBatch(batch);
        return retrier.call(() -> sendOnce(bulk), (retries, last) -> new RetriableException("Elasticsearch did "
                + "not acknowledge " + bulk.pending.size() + " documents (first from "
                + RecordCoordinates.describe(bulk.pending.get(0).record()) + ") after " + retries + " retries: "
                + last.reason() + ". Connect redelivers them; if this lasts, check "
                + ElasticsearchConnectionConfig.CONNECTION_URLS_CONFIG + " and cluster health, or raise "
                + Retrier.MAX_RETRIES_CONFIG + "/" + Retrier.RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    /** A batch across tries: the documents still to acknowledge, and those rejected so far. */
    private static final class BulkBatch {
        List<IndexDocument> pending;
        final List<DocumentRejection> rejections = new ArrayList<>();
        String lastError = "";

        BulkBatch(List<IndexDocument> documents) {
            this.pending = documents;
        }
    }

    /** One bulk request for the pending documents: acknowledged and rejected ones leave {@code pending}. */
    private Retrier.Outcome<List<DocumentRejection>> sendOnce(BulkBatch bulk) {
        try {
            List<BulkOperation> operations = operations(bulk.pending);
            BulkResponse response = client.bulk(request -> request.operations(operations));
            List<IndexDocument> retry = new ArrayList<>();
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                BulkResponseItem item = items.get(i);
                if (item.error() == null) {
                    continue;
                }
                IndexDocument document = bulk.pending.get(i);
                String reason = item.error().type() + ": " + item.error().reason();
                switch (ElasticsearchFailures.classifyItem(item.status(), item.error().type())) {
                    case MALFORMED -> bulk.rejections.add(new DocumentRejection(document, item.status(), reason));
                    case RETRIABLE -> {
                        retry.add(document);
                        bulk.lastError = "HTTP " + item.status() + " " + reason;
                    }
                    case FATAL -> throw new ConnectException("Elasticsearch refused the document from "
                            + RecordCoordinates.describe(document.record()) + " (HTTP " + item.status() + " "
                            + reason + "); " + ElasticsearchFailures.hintFor(item.status()));
                }
            }
            bulk.pending = retry;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConnectException) {
                throw (ConnectException) e;
            }
            if (ElasticsearchFailures.statusOf(e) == 413) {
                bulk.rejections.addAll(splitTooLarge(bulk.pending));
                return Retrier.done(bulk.rejections);
            }
            if (ElasticsearchFailures.classifyRequest(e) == ElasticsearchFailures.Kind.FATAL) {
                int status = ElasticsearchFailures.statusOf(e);
                throw new ConnectException("Bulk request for " + bulk.pending.size() + " documents (first from "
                        + RecordCoordinates.describe(bulk.pending.get(0).record()) + ") failed with HTTP " + status
                        + ": " + e.getMessage() + "; " + ElasticsearchFailures.hintFor(status), e);
            }
            bulk.lastError = ConfigErrors.maskUserInfo(e.toString());
        }
        if (bulk.pending.isEmpty()) {
            return Retrier.done(bulk.rejections);
        }
        return Retrier.failed(bulk.pending.size() + " documents not acknowledged", bulk.lastError, null);
    }

    /**
     * HTTP 413: the request is larger than the cluster's {@code http.max_content_length}. Halves are sent
     * separately (recursively) until they fit; a single document that alone is too large is its record's
     * fault and is returned as a rejection, so it goes to the dead-letter queue instead of failing the task.
     */
    private List<DocumentRejection> splitTooLarge(List<IndexDocument> pending) {
        if (pending.size() == 1) {
            return List.of(new DocumentRejection(pending.get(0), 413, "request_entity_too_large: the document alone "
                    + "is larger than the cluster accepts (http.max_content_length)"));
        }
        int half = pending.size() / 2;
        LOG.info("Bulk request of {} documents too large (HTTP 413): sending it in two halves", pending.size());
        List<DocumentRejection> rejections = new ArrayList<>(writeBatch(pending.subList(0, half)));
        rejections.addAll(writeBatch(pending.subList(half, pending.size())));
        return rejections;
    }

    private static List<BulkOperation> operations(List<IndexDocument> documents) {
        List<BulkOperation> operations = new ArrayList<>(documents.size());
        for (IndexDocument document : documents) {
            // 'index' (not 'create'): a replayed record overwrites its document instead of failing or duplicating.
            operations.add(BulkOperation.of(op -> op.index(index -> index
                    .index(document.index()).id(document.id()).document(document.source()))));
        }
        return operations;
    }

    @Override
    public void close() {
        inFlight.shutdownNow();
        try {
            client._transport().close();
        } catch (IOException e) {
            LOG.warn("Closing the Elasticsearch client failed: {}", e.getMessage());
        }
    }
}
