package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The oracle the ITs run every live answer through must itself be able to fail: answers that break
 * {@code openapi.json} in each way it checks (status, content type, body schema) are refused.
 */
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final String PROBLEM = "{\"type\":\"urn:alertstream:problem:not-found\",\"title\":\"Not found\",\"status\":404}";

    @Test
    void shouldAcceptADocumentedProblemAnswer() {
        assertThatCode(() -> CONTRACT.check("GET", "/v1/alerts/{key}", 404, "application/problem+json;charset=utf-8", PROBLEM))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAnUndocumentedStatus() {
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v1/alerts", 404, "application/problem+json", PROBLEM))
                .isInstanceOf(AssertionError.class).hasMessageContaining("does not document status 404");
    }

    @Test
    void shouldRefuseAProblemServedAsPlainJson() {
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v1/alerts/{key}", 404, "application/json", PROBLEM))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Content-Type");
    }

    @Test
    void shouldRefuseABodyMissingARequiredField() {
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v1/alerts/{key}", 200, "application/json",
                "{\"alertKey\":\"pay-1\",\"current\":null}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("transitions");
    }

    @Test
    void shouldRefuseAFieldOfTheWrongType() {
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v1/alerts/history", 200, "application/json",
                "{\"from\":\"a\",\"to\":\"b\",\"transitions\":[],\"truncated\":\"no\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("truncated");
    }
}
