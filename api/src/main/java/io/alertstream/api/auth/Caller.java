package io.alertstream.api.auth;

/**
 * An authenticated caller: the principal, and the API token it used (null for a login JWT).
 */
public record Caller(Principal principal, String tokenId) {
    public boolean byLogin() {
        return tokenId == null;
    }

    /** The key its rate limit is counted under: the token, or the user for login tokens. */
    public String rateKey() {
        return tokenId == null ? "user:" + principal.user() : "token:" + tokenId;
    }
}
