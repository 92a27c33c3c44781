package io.alertstream.connectors.webhook;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a notification may make the worker call a URL: only absolute http(s) URLs with a host,
 * and, when prefixes are configured, only those starting with one of them (compared after normalising the
 * scheme and host to lower case, so {@code HTTPS://Hooks.Example.com/} matches {@code https://hooks.example.com/}).
 * Error messages show the URL {@link #redacted}.
 */
public final class UrlAllowList {
    private final List<String> prefixes;

    public UrlAllowList(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(UrlAllowList::normalise).toList();
    }

    /** The parsed URL; an {@link IllegalArgumentException} saying why it may not be called. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("webhook.url is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("webhook.url '" + redacted(uri)
                    + "' must be an http(s) URL with a host and no user info");
        }
        String normalised = normalise(uri.toString());
        if (!prefixes.isEmpty() && prefixes.stream().noneMatch(normalised::startsWith)) {
            throw new IllegalArgumentException("webhook.url '" + redacted(uri) + "' is not allowed by "
                    + WebhookSinkConnectorConfig.ALLOWED_URL_PREFIXES_CONFIG);
        }
        return uri;
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

    private static String normalise(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int hostEnd = url.indexOf('/', schemeEnd + 3);
        if (hostEnd < 0) {
            return url.toLowerCase(Locale.ROOT) + "/";
        }
        return url.substring(0, hostEnd).toLowerCase(Locale.ROOT) + url.substring(hostEnd);
    }
}
