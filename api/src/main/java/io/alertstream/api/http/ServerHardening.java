package io.alertstream.api.http;

import io.alertstream.api.ApiConfig;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * What the server needs beyond routes, from {@link ApiConfig}: TLS (only HTTPS is served once a key
 * store is configured: Javalin adds its plain HTTP connector only when no connector was added), CORS
 * (off unless origins are listed), and the request size limit (the ingest limit plus room for JSON
 * framing, so the ingest handler, not Jetty, answers 413 with a problem). No request logger is
 * installed: bodies (passwords) and Authorization headers (tokens) must never reach a log line.
 */
public final class ServerHardening implements Consumer<JavalinConfig> {
    private final ApiConfig config;

    public ServerHardening(ApiConfig config) {
        this.config = config;
    }

    public boolean tls() {
        return !config.tlsKeystorePath().isEmpty();
    }

    @Override
    public void accept(JavalinConfig c) {
        c.http.maxRequestSize = config.ingestMaxBytes() + 64L * 1024;
        if (tls()) {
            c.jetty.addConnector((server, httpConfig) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(config.tlsKeystorePath());
                ssl.setKeyStorePassword(config.tlsKeystorePassword());
                ssl.setKeyManagerPassword(config.tlsKeystorePassword());
                ssl.setKeyStoreType(config.tlsKeystoreType());
                HttpConfiguration https = new HttpConfiguration(httpConfig);
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // Clients reach instances by address as often as by name; the certificate decides who is trusted.
                secure.setSniHostCheck(false);
                https.addCustomizer(secure);
                ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(https));
                connector.setHost(config.host());
                connector.setPort(config.port());
                return connector;
            });
        }
        List<String> origins = config.corsAllowedOrigins();
        if (!origins.isEmpty()) {
            c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                rule.exposeHeader("Retry-After");
                rule.exposeHeader("WWW-Authenticate");
            }));
        }
    }
}
