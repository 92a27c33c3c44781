package io.alertstream.connectors.elasticsearch;

import static io.alertstream.connectors.elasticsearch.ElasticsearchFailures.Kind.FATAL;
import static io.alertstream.connectors.elasticsearch.ElasticsearchFailures.Kind.MALFORMED;
import static io.alertstream.connectors.elasticsearch.ElasticsearchFailures.Kind.RETRIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Which Elasticsearch failures are retried, dead-lettered or fatal. */
class ElasticsearchFailuresTest {

    @Test
    void overloadAndServerErrorsOfAnItemAreRetried() {
        assertThat(ElasticsearchFailures.classifyItem(429, "es_rejected_execution_exception")).isEqualTo(RETRIABLE);
        assertThat(ElasticsearchFailures.classifyItem(503, "unavailable_shards_exception")).isEqualTo(RETRIABLE);
        assertThat(ElasticsearchFailures.classifyItem(403, "cluster_block_exception")).isEqualTo(RETRIABLE);
    }

    @Test
    void contentErrorsOfAnItemAreMalformed() {
        assertThat(ElasticsearchFailures.classifyItem(400, "document_parsing_exception")).isEqualTo(MALFORMED);
        assertThat(ElasticsearchFailures.classifyItem(400, "mapper_parsing_exception")).isEqualTo(MALFORMED);
        assertThat(ElasticsearchFailures.classifyItem(400, "illegal_argument_exception")).isEqualTo(MALFORMED);
    }

    @Test
    void permissionErrorsAreFatal() {
        assertThat(ElasticsearchFailures.classifyItem(403, "security_exception")).isEqualTo(FATAL);
        assertThat(ElasticsearchFailures.classifyItem(401, "security_exception")).isEqualTo(FATAL);
    }

    @Test
    void connectionProblemsAreRetried() {
        assertThat(ElasticsearchFailures.classifyRequest(new ConnectException("Connection refused"))).isEqualTo(RETRIABLE);
        assertThat(ElasticsearchFailures.classifyRequest(new SocketTimeoutException("30,000 milliseconds")))
                .isEqualTo(RETRIABLE);
        assertThat(ElasticsearchFailures.classifyRequest(new RuntimeException("wrapped", new IOException("reset"))))
                .isEqualTo(RETRIABLE);
    }

    @Test
    void unknownProgrammingErrorsAreFatal() {
        assertThat(ElasticsearchFailures.classifyRequest(new IllegalStateException("bug"))).isEqualTo(FATAL);
    }

    @Test
    void hintsNameTheConfigKeyToChange() {
        assertThat(ElasticsearchFailures.hintFor(401)).contains("connection.username").contains("connection.api.key");
        assertThat(ElasticsearchFailures.hintFor(413)).contains("batch.size");
    }
}
