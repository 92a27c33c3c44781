package io.alertstream.connectors.elasticsearch;

/**
 * A document Elasticsearch refused for its content (e.g. a mapping conflict): retrying cannot help.
 *
 * @param reason Elasticsearch's error type and reason, e.g. {@code document_parsing_exception: failed to parse...}
 */
public record DocumentRejection(IndexDocument document, int status, String reason) {
}
