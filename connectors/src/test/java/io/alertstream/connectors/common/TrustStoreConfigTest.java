package io.alertstream.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust-store keys: loading a real PKCS12 store, and the errors an operator sees. */
class TrustStoreConfigTest {
    private static final ConfigDef DEF = new ConfigDef();

    static {
        TrustStoreConfig.define(DEF, "x.", "Security", 1, "Test");
    }

    @TempDir
    Path dir;

    private Path trustStore(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    @Test
    void noLocationMeansTheJvmDefault() {
        assertThat(TrustStoreConfig.sslContext(new AbstractConfig(DEF, Map.of()), "x.")).isEmpty();
    }

    @Test
    void shouldBuildAnSslContextFromTheConfiguredStore() throws Exception {
        AbstractConfig config = new AbstractConfig(DEF, Map.of("x.ssl.truststore.location", trustStore("pw").toString(),
                "x.ssl.truststore.password", "pw"));
        assertThat(TrustStoreConfig.sslContext(config, "x.")).isPresent();
        assertThat(TrustStoreConfig.crossFieldProblem(config, "x.")).isEmpty();
    }

    @Test
    void aWrongPasswordShouldNameTheKeysToCheckButNotThePassword() throws Exception {
        AbstractConfig config = new AbstractConfig(DEF, Map.of("x.ssl.truststore.location", trustStore("pw").toString(),
                "x.ssl.truststore.password", "wrong-secret"));
        assertThatThrownBy(() -> TrustStoreConfig.sslContext(config, "x."))
                .isInstanceOf(ConfigException.class).hasMessageContaining("x.ssl.truststore.password")
                .hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aMissingFileShouldBeACrossFieldProblemOnTheLocation() {
        AbstractConfig config = new AbstractConfig(DEF, Map.of("x.ssl.truststore.location", dir.resolve("nope").toString()));
        assertThat(TrustStoreConfig.crossFieldProblem(config, "x.")).get()
                .extracting(ConfigProblem::key).isEqualTo("x.ssl.truststore.location");
    }
}
