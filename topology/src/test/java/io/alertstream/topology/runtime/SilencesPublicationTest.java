package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.silence.SilencesFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What publishing silences.yaml writes: new and changed silences only, created_at kept, early ends not undone. */
class SilencesPublicationTest {
    private static final SilencesFile.Result FILE = SilencesFile.read("silences.yaml", """
            - id: a
              matchers: [service=db]
              ends_at: 2099-01-01T00:00:00Z
              created_by: alice
            """);
    private static final String PUBLISHED = "{\"id\":\"a\",\"matchers\":[\"service=db\"],\"starts_at\":null,\"ends_at\":\"2099-01-01T00:00:00Z\","
            + "\"until\":null,\"created_by\":\"alice\",\"comment\":null,\"created_at\":\"2026-01-01T00:00:00Z\",\"notify_email\":null,\"ended_by\":null}";

    @Test
    void shouldPublishANewSilenceWithItsCreationTime() {
        assertThat(FILE.ok()).isTrue();
        Map<String, String> out = SilencesPublication.changes(FILE, Map.of(), "2026-02-02T00:00:00Z");
        assertThat(out).containsOnlyKeys("a");
        assertThat(out.get("a")).contains("\"created_at\":\"2026-02-02T00:00:00Z\"");
    }

    @Test
    void shouldWriteNothingForAnUnchangedSilenceOrOneThatEndedEarly() {
        assertThat(SilencesPublication.changes(FILE, Map.of("a", PUBLISHED), "2026-02-02T00:00:00Z")).isEmpty();
        String expired = PUBLISHED.replace("\"ends_at\":\"2099-01-01T00:00:00Z\"", "\"ends_at\":\"2026-01-02T00:00:00Z\"")
                .replace("\"ended_by\":null", "\"ended_by\":\"expired\"");
        assertThat(SilencesPublication.changes(FILE, Map.of("a", expired), "2026-02-02T00:00:00Z")).isEmpty();
    }

    @Test
    void shouldRepublishAnEditedSilenceKeepingItsCreationTime() {
        String other = PUBLISHED.replace("service=db", "service=cache");
        Map<String, String> out = SilencesPublication.changes(FILE, Map.of("a", other), "2026-02-02T00:00:00Z");
        assertThat(out.get("a")).contains("\"matchers\":[\"service=db\"]", "\"created_at\":\"2026-01-01T00:00:00Z\"", "\"ended_by\":null");
    }
}
