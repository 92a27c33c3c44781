package io.alertstream.api.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One API token as the tokens topic holds it (JSON), keyed by its id. The secret itself is never
 * stored: only its SHA-256, which is enough for a secret of 32 random bytes (nobody can guess 2^256
 * values, so a slow hash such as bcrypt would only cost CPU on every request without protecting anything;
 * passwords, chosen by people, are the case slow hashes exist for).
 *
 * @param id         random id, also the middle part of the token {@code ast_<id>_<secret>}
 * @param owner      the user id the token acts as
 * @param name       what the owner called it
 * @param secretHash SHA-256 of the secret, base64url
 * @param createdAt  ISO-8601
 * @param revokedAt  ISO-8601 when revoked (the token then answers 401), else null
 */
// Unknown fields are ignored: an instance of an older version must still read what a newer one writes.
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiToken(String id, String owner, String name, String secretHash, String createdAt, String revokedAt) {
    public ApiToken revoked(String at) {
        return new ApiToken(id, owner, name, secretHash, createdAt, at);
    }
}
