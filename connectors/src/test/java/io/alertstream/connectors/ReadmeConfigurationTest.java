package io.alertstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference embedded in the top-level README is the generated one, word for word. */
class ReadmeConfigurationTest {
    private static final String START = "<!-- generated:connectors-configuration:start";
    private static final String END = "<!-- generated:connectors-configuration:end -->";

    @Test
    void readmeEmbedsTheGeneratedConfigurationReference() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        String generated = Files.readString(Path.of("CONFIGURATION.md"));
        String expected = generated.substring(generated.indexOf('\n') + 1).strip();
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the generated section markers").isNotNegative();
        String embedded = readme.substring(readme.indexOf('\n', start) + 1, end).strip();
        assertThat(embedded)
                .as("README's connector configuration reference differs from connectors/CONFIGURATION.md: copy the generated file's body between the markers")
                .isEqualTo(expected);
    }
}
