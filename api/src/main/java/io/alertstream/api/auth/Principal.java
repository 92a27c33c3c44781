package io.alertstream.api.auth;

/**
 * Who makes a request, once authenticated (by a login JWT or an API token).
 *
 * @param user  the account's user id: what rules name in {@code owners} and digests are keyed by
 * @param email the account's email address: what rules name in {@code recipients}
 * @param admin whether the account may see everything (configured, never self-assigned)
 */
public record Principal(String user, String email, boolean admin) {
}
