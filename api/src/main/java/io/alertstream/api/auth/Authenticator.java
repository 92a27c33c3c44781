package io.alertstream.api.auth;

import io.javalin.http.Context;

/**
 * Answers who sent a request: from its {@code Authorization: Bearer} header, a login JWT or an API
 * token. Throws {@link io.alertstream.api.http.ProblemException#unauthorized} (401) when there is none
 * or it is bad, expired or revoked.
 */
public interface Authenticator {
    Principal authenticate(Context ctx);
}
