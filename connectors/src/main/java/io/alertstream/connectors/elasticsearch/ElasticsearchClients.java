package io.alertstream.connectors.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.alertstream.connectors.common.JsonRecordValues;
import io.alertstream.connectors.common.TrustStoreConfig;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the Elasticsearch Java client from the connector config: URLs, timeouts, basic auth or API key,
 * and TLS with the configured trust store. Secrets go into the HTTP client only, never into logs.
 */
final class ElasticsearchClients {
    private ElasticsearchClients() {
    }

    static ElasticsearchClient create(ElasticsearchSinkConnectorConfig config) {
        HttpHost[] hosts = config.connectionUrls().stream().map(URI::create)
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : defaultPort(uri),
                        uri.getScheme()))
                .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(config.connectionTimeoutMs())
                        .setSocketTimeout(config.readTimeoutMs()));
        if (ElasticsearchConnectionConfig.isSet(config.apiKey())) {
            builder.setDefaultHeaders(new Header[] {
                new BasicHeader("Authorization", "ApiKey " + config.apiKey().value())});
        }
        Optional<SSLContext> sslContext = TrustStoreConfig.sslContext(config, ElasticsearchConnectionConfig.PREFIX);
        boolean basicAuth = !config.username().isBlank();
        builder.setHttpClientConfigCallback(http -> {
            if (basicAuth) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY,
                        new UsernamePasswordCredentials(config.username(), config.password().value()));
                http.setDefaultCredentialsProvider(credentials);
            }
            sslContext.ifPresent(http::setSSLContext);
            // Concurrent bulk requests per task; the default of 10 per route is plenty beyond that.
            return http.setMaxConnPerRoute(Math.max(10, config.maxInFlightRequests() + 2));
        });
        RestClient restClient = builder.build();
        return new ElasticsearchClient(new RestClientTransport(restClient,
                new JacksonJsonpMapper(JsonRecordValues.mapper())));
    }

    private static int defaultPort(URI uri) {
        return "https".equals(uri.getScheme()) ? 443 : 9200;
    }
}
