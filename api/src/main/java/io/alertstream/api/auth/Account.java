package io.alertstream.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One account as the users topic holds it (JSON), keyed by {@code <user>/<registration>} (see
 * {@link AccountStores}).
 *
 * @param user         the user id, {@code [a-z0-9][a-z0-9._-]{1,63}}: what rules name in {@code owners}
 * @param email        the address rules name in {@code recipients}
 * @param passwordHash bcrypt hash of the password
 * @param createdAt    when the account was created, ISO-8601
 * @param registration a random id of this signup: of two signups of one user id, the first on the topic wins
 */
// Unknown fields are ignored: an instance of an older version must still read what a newer one writes.
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(String user, String email, String passwordHash, String createdAt, String registration) {
}
