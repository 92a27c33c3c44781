package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The API's configuration reference in the README is the one generated from its ConfigDef, word for word. */
class ApiConfigDocsTest {
    private static final String START = "<!-- generated:api-configuration:start";
    private static final String END = "<!-- generated:api-configuration:end -->";

    @Test
    void readmeEmbedsTheGeneratedApiConfigurationReference() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README has the generated section markers").isNotNegative();
        String embedded = readme.substring(readme.indexOf('\n', start) + 1, end).strip();
        assertThat(embedded).as("README's API configuration reference differs from ApiConfigDocs.markdown(): paste the expected "
                + "text below (ApiConfigDocs.main prints it) between the markers")
                .isEqualTo(ApiConfigDocs.markdown().strip());
    }
}
