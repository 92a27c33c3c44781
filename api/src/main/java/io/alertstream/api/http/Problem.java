package io.alertstream.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error answer as RFC 9457 {@code application/problem+json}: {@code type} names the kind of
 * problem (a stable URI under {@code https://alertstream.io/problems/}), {@code title} is its short
 * human name, {@code detail} says what was wrong with this request and how to fix it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://alertstream.io/problems/";

    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(TYPE_BASE + kind, title, status, detail, null);
    }
}
