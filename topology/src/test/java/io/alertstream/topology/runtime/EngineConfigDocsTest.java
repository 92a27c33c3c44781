package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The engine's configuration reference in the README is the one generated from its ConfigDefs, word for word. */
class EngineConfigDocsTest {
    private static final String START = "<!-- generated:engine-configuration:start";
    private static final String END = "<!-- generated:engine-configuration:end -->";

    @Test
    void readmeEmbedsTheGeneratedEngineConfigurationReference() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the generated section markers").isNotNegative();
        String embedded = readme.substring(readme.indexOf('\n', start) + 1, end).strip();
        assertThat(embedded).as("README's engine configuration reference differs from EngineConfigDocs.markdown(): paste the "
                + "expected text below (EngineConfigDocs.main prints it) between the markers")
                .isEqualTo(EngineConfigDocs.markdown().strip());
    }
}
