package io.alertstream.connectors.probe;

/**
 * What one HTTP check observed, before it is judged against the target's expectations.
 *
 * @param status the HTTP status, or null when no answer came
 * @param latencyMs from sending the request (after the address check) to the end of the bounded body read
 * @param error null, or one of {@link ProbeResults}' error codes (timeout, dns, tls, connect, io, blocked)
 * @param body the first {@code probe.max.body.bytes} of the body as UTF-8 (empty when none)
 * @param certExpiresInDays whole days until the server certificate expires (https only), else null
 */
public record ProbeOutcome(Integer status, long latencyMs, String error, String body, Long certExpiresInDays) {

    static ProbeOutcome failed(String error, long latencyMs) {
        return new ProbeOutcome(null, latencyMs, error, "", null);
    }
}
