package io.alertstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.GeneratedSection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference embedded in the top-level README is the generated one, word for word. */
class ReadmeConfigurationTest {
    @Test
    void readmeEmbedsTheGeneratedConfigurationReference() throws Exception {
        String generated = Files.readString(Path.of("CONFIGURATION.md"));
        assertThat(GeneratedSection.read(Path.of("../README.md"), "connectors-configuration"))
                .as("README's connector configuration reference differs from connectors/CONFIGURATION.md: copy the generated "
                        + "file's body between the markers")
                .isEqualTo(generated.substring(generated.indexOf('\n') + 1).strip());
    }
}
