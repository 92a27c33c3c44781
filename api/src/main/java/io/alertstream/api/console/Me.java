package io.alertstream.api.console;

/** Who is signed in, for the page header: {@code GET /v1/me} (which also checks the session is still good). */
final class Me {
    private Me() {
    }

    static String user(ApiCalls api, String token) {
        ApiCalls.Answer me = api.get(token, "/v1/me");
        return me.ok() && me.body().hasNonNull("user") ? me.body().get("user").asText() : "?";
    }
}
