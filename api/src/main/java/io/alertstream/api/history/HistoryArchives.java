package io.alertstream.api.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the history archive from the {@code alertstream.api.history.elasticsearch.*} settings: empty
 * when no URL is set. The keys mirror the Elasticsearch sink's connection settings (URLs, basic auth, a
 * trust store) so one set of values serves both; the sink's classes are not reused because the connectors
 * module is a Connect plugin (Connect API, Jedis, mail) the API has no business carrying.
 */
public final class HistoryArchives {
    private HistoryArchives() {
    }

    /** @throws ConfigException naming the key, when the settings cannot work together */
    public static Optional<HistoryArchive> from(ApiConfig config, ObjectMapper json) {
        if (config.historyElasticsearchUrls().isEmpty()) {
            return Optional.empty();
        }
        boolean user = !config.historyElasticsearchUsername().isBlank();
        boolean password = !config.historyElasticsearchPassword().isEmpty();
        if (user != password) {
            throw new ConfigException(ApiConfig.HISTORY_ES_USERNAME_CONFIG + " and " + ApiConfig.HISTORY_ES_PASSWORD_CONFIG
                    + " must be set together");
        }
        return Optional.of(new ElasticsearchHistory(config.historyElasticsearchUrls(), config.historyElasticsearchIndex(),
                config.historyElasticsearchUsername(), config.historyElasticsearchPassword(), config.historyElasticsearchTimeout(),
                sslContext(config), json));
    }

    /** The trust store's SSL context, or null for the JVM's default trust. */
    static SSLContext sslContext(ApiConfig config) {
        String location = config.historyElasticsearchTruststoreLocation();
        if (location.isBlank()) {
            return null;
        }
        String secret = config.historyElasticsearchTruststorePassword();
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(config.historyElasticsearchTruststoreType());
            store.load(in, secret == null ? null : secret.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(ApiConfig.HISTORY_ES_TRUSTSTORE_LOCATION_CONFIG + " cannot be read as a "
                    + config.historyElasticsearchTruststoreType() + " trust store: " + e.getMessage());
        }
    }
}
