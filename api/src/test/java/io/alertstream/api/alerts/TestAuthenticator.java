package io.alertstream.api.alerts;

import io.alertstream.api.auth.Authenticator;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.ProblemException;
import io.javalin.http.Context;

/** Tests' stand-in for the accounts: {@code Authorization: Bearer test:<user>:<email>:<admin>}. */
public final class TestAuthenticator implements Authenticator {
    public static String header(String user, String email, boolean admin) {
        return "Bearer test:" + user + ":" + email + ":" + admin;
    }

    @Override
    public Principal authenticate(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.startsWith("Bearer test:")) {
            throw ProblemException.unauthorized("no test bearer token");
        }
        String[] parts = h.substring("Bearer test:".length()).split(":", 3);
        return new Principal(parts[0], parts[1], Boolean.parseBoolean(parts[2]));
    }
}
