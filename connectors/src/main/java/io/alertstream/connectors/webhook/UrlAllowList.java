package io.alertstream.connectors.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a notification may make the worker call a URL.
 *
 * <p>Input: the configured prefixes and a URL from a record. Output: the parsed URL, or an
 * {@link IllegalArgumentException} saying why it may not be called (messages show the URL
 * {@link #redacted}). Semantics:
 * <ul>
 *   <li>An empty list allows nothing (the connector's config validation also refuses it): a worker must
 *       never call cloud metadata (169.254.169.254), Connect's own REST API or other internal hosts because
 *       a record said so.</li>
 *   <li>Only absolute http(s) URLs with a host, without user info or fragment, and without encoded dots,
 *       slashes or backslashes in the path (a receiver may decode them into a traversal).</li>
 *   <li>Prefixes and URLs are compared as parts, after normalising: scheme and host lower-cased (trailing
 *       dot dropped), default ports removed ({@code https://h:443/} is {@code https://h/}), and the path's
 *       dot segments resolved, so {@code /alerts/../admin} is {@code /admin} and does not pass
 *       {@code /alerts/}. Scheme, host and port must be equal; the path must equal the prefix's path or
 *       continue it after a {@code /}: {@code https://h/alerts} allows {@code https://h/alerts/x} but not
 *       {@code https://h/alertsX}.</li>
 * </ul>
 */
public final class UrlAllowList {
    private final List<Target> prefixes;

    /** @throws IllegalArgumentException when a prefix is not an http(s) URL prefix (see {@link #parsePrefix}) */
    public UrlAllowList(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(UrlAllowList::parsePrefix).toList();
    }

    /** The parsed URL; an {@link IllegalArgumentException} saying why it may not be called. */
    public URI check(String url) {
        Target target = parseUrl(url, "webhook.url");
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("webhook.url '" + redacted(target.uri) + "' is not allowed: "
                    + WebhookSinkConnectorConfig.ALLOWED_URL_PREFIXES_CONFIG + " is empty, so no URL is");
        }
        if (!matches(target)) {
            throw new IllegalArgumentException("webhook.url '" + redacted(target.uri) + "' is not allowed by "
                    + WebhookSinkConnectorConfig.ALLOWED_URL_PREFIXES_CONFIG);
        }
        // The URL as compared: "." segments resolved, so what is called is what was checked.
        return target.uri.normalize();
    }

    /** True when the URL (already accepted by {@link #check}) falls under one of the prefixes. */
    boolean matches(URI url) {
        return matches(parseUrl(url.toString(), "webhook.url"));
    }

    private boolean matches(Target target) {
        return prefixes.stream().anyMatch(prefix -> prefix.covers(target));
    }

    /** A configured prefix; the problem (without the value) when it is not one. */
    static Optional<String> prefixProblem(String prefix) {
        try {
            parsePrefix(prefix);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static Target parsePrefix(String prefix) {
        Target target = parseUrl(prefix, "a prefix");
        if (target.uri.getRawQuery() != null) {
            throw new IllegalArgumentException("a prefix must not have a query string");
        }
        return target;
    }

    /** @param what "webhook.url" (a record's URL, shown redacted) or "a prefix" (config: never shown) */
    private static Target parseUrl(String text, String what) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String shown = what.equals("webhook.url") ? what + " '" + redacted(uri) + "'" : what;
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(shown + " must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(shown + " must not carry user info (name:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException(shown + " must not have a #fragment");
        }
        String rawPath = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String lowerPath = rawPath.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("%2e") || lowerPath.contains("%2f") || lowerPath.contains("%5c") || rawPath.contains("\\")
                || rawPath.contains("//")) {
            throw new IllegalArgumentException(shown + " has an encoded '.', '/' or '\\', or an "
                    + "empty segment, in its path");
        }
        String path = URI.create("http://h" + rawPath).normalize().getRawPath();
        if (path.startsWith("/..") || path.contains("/../")) {
            throw new IllegalArgumentException(shown + " climbs above the root of its host");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(uri, scheme, host, port, path);
    }

    /**
     * Scheme, host, port and the first path segment only: hook URLs often carry their secret in the path
     * (Slack: /services/T.../B.../token) and these messages reach logs and dead-letter headers.
     */
    static String redacted(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        String shown = second < 0 ? path : path.substring(0, second + 1) + "...";
        return (uri.getScheme() == null ? "" : uri.getScheme() + "://")
                + (uri.getHost() == null ? "" : uri.getHost()) + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + shown;
    }

    /** A URL reduced to what the comparison uses. */
    private record Target(URI uri, String scheme, String host, int port, String path) {
        boolean covers(Target url) {
            if (!scheme.equals(url.scheme) || !host.equals(url.host) || port != url.port) {
                return false;
            }
            if (path.endsWith("/")) {
                return url.path.startsWith(path);
            }
            return url.path.equals(path) || url.path.startsWith(path + "/");
        }
    }
}
