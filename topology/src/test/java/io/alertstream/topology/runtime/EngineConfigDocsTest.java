package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.GeneratedSection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The engine's configuration reference in the README is the one generated from its ConfigDefs, word for word. */
class EngineConfigDocsTest {
    @Test
    void readmeEmbedsTheGeneratedEngineConfigurationReference() throws Exception {
        assertThat(GeneratedSection.read(Path.of("../README.md"), "engine-configuration"))
                .as("README's engine configuration reference differs from EngineConfigDocs.markdown(): paste the expected text "
                        + "below (EngineConfigDocs.main prints it) between the markers")
                .isEqualTo(EngineConfigDocs.markdown().strip());
    }
}
