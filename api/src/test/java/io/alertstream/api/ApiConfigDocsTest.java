package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.GeneratedSection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The API's configuration reference in the README is the one generated from its ConfigDef, word for word. */
class ApiConfigDocsTest {
    @Test
    void readmeEmbedsTheGeneratedApiConfigurationReference() throws Exception {
        assertThat(GeneratedSection.read(Path.of("../README.md"), "api-configuration"))
                .as("README's API configuration reference differs from ApiConfigDocs.markdown(): paste the expected text below "
                        + "(ApiConfigDocs.main prints it) between the markers")
                .isEqualTo(ApiConfigDocs.markdown().strip());
    }
}
