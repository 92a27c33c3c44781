package io.alertstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** CONFIGURATION.md must be what ConnectorDocs generates from the ConfigDefs. */
class ConnectorDocsTest {

    @Test
    void committedReferenceShouldMatchTheConfigDefs() throws IOException {
        // Surefire runs in the module directory, where CONFIGURATION.md is committed.
        String committed = Files.readString(Path.of("CONFIGURATION.md"), StandardCharsets.UTF_8);
        assertThat(committed)
                .as("CONFIGURATION.md is stale; regenerate it with: " + ConnectorDocs.REGENERATE)
                .isEqualTo(ConnectorDocs.markdown());
    }

    @Test
    void referenceShouldListEveryKeyOfBothConnectors() {
        String markdown = ConnectorDocs.markdown();
        assertThat(markdown).contains("| `connection.urls` | list | (required) |")
                .contains("| `behavior.on.malformed.documents` | string | `fail` | fail, warn, ignore |")
                .contains("| `redis.password` | password | (none) |")
                .contains("| `redis.ttl.window.factor` | int | `10` |");
    }
}
