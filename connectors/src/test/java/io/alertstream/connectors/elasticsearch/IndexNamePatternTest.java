package io.alertstream.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Index names from {topic} and date patterns, and the template patterns that match them. */
class IndexNamePatternTest {
    private static final Instant EVENT_TIME = Instant.parse("2026-11-21T10:15:30Z");

    @Test
    void shouldSuffixTheEventDate() {
        assertThat(IndexNamePattern.parse("events-{yyyy.MM.dd}").indexFor("events", EVENT_TIME))
                .isEqualTo("events-2026.11.21");
        assertThat(IndexNamePattern.parse("{topic}-{yyyy.MM}").indexFor("alerts", EVENT_TIME))
                .isEqualTo("alerts-2026.11");
    }

    @Test
    void shouldUseTheDateInUtc() {
        Instant lateEveningInBrazil = Instant.parse("2026-11-22T01:30:00Z");
        assertThat(IndexNamePattern.parse("{topic}-{yyyy.MM.dd}").indexFor("events", lateEveningInBrazil))
                .isEqualTo("events-2026.11.22");
    }

    @Test
    void shouldLowerCaseTopicsBecauseIndexNamesMustBe() {
        assertThat(IndexNamePattern.parse("{topic}").indexFor("Team.Events", EVENT_TIME)).isEqualTo("team.events");
    }

    @Test
    void templatePatternShouldMatchEveryDateOfOneTopic() {
        assertThat(IndexNamePattern.parse("{topic}-{yyyy.MM.dd}").templatePattern("events")).isEqualTo("events-*");
        assertThat(IndexNamePattern.parse("{topic}-{yyyy}.{MM}").templatePattern("alerts")).isEqualTo("alerts-*.*");
        assertThat(IndexNamePattern.parse("{topic}").templatePattern("Alerts")).isEqualTo("alerts");
    }

    @Test
    void shouldRejectPatternsThatCannotNameAnIndex() {
        assertThatThrownBy(() -> IndexNamePattern.parse("events-{yyyy")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> IndexNamePattern.parse("events}")).hasMessageContaining("without '{'");
        assertThatThrownBy(() -> IndexNamePattern.parse("_events")).hasMessageContaining("cannot start");
        assertThatThrownBy(() -> IndexNamePattern.parse("ev*ents")).hasMessageContaining("'*'");
        assertThatThrownBy(() -> IndexNamePattern.parse("{}")).hasMessageContaining("empty");
        assertThatThrownBy(() -> IndexNamePattern.parse("{bogus}")).hasMessageContaining("neither {topic}");
    }
}
