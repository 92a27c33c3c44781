package io.alertstream.connectors.elasticsearch;

import static io.alertstream.connectors.common.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.MalformedRecordException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Record to document: index by event time, replay-stable ids, tombstones and non-objects. */
class RecordToDocumentTest {
    private final RecordToDocument alerts =
            new RecordToDocument(IndexNamePattern.parse("{topic}-{yyyy.MM.dd}"), "at", "id");
    private final RecordToDocument events =
            new RecordToDocument(IndexNamePattern.parse("events-{yyyy.MM.dd}"), "timestamp", "");

    @Test
    void shouldTakeTheIdFromTheConfiguredField() {
        IndexDocument document = alerts.convert(record("alerts", 0, 5,
                Map.of("id", "r1|web|FIRING|1763700000000", "at", "2026-11-21T10:00:00Z"))).orElseThrow();
        assertThat(document.id()).isEqualTo("r1|web|FIRING|1763700000000");
        assertThat(document.index()).isEqualTo("alerts-2026.11.21");
    }

    @Test
    void shouldFallBackToTopicPartitionOffsetSoReplaysOverwrite() {
        IndexDocument withoutIdField = alerts.convert(record("alerts", 3, 77, Map.of("at", 1_763_700_000_000L)))
                .orElseThrow();
        assertThat(withoutIdField.id()).isEqualTo("alerts+3+77");
        IndexDocument noIdConfigured = events.convert(record("events", 1, 9, Map.of("id", "x"))).orElseThrow();
        assertThat(noIdConfigured.id()).isEqualTo("events+1+9");
        assertThat(events.convert(record("events", 1, 9, Map.of("id", "x"))).orElseThrow().id())
                .isEqualTo(noIdConfigured.id());
    }

    @Test
    void shouldDateTheIndexByEventTimeWithOffsetConvertedToUtc() {
        IndexDocument document = events.convert(record("events", 0, 1,
                Map.of("timestamp", "2026-11-21T23:30:00-02:00"))).orElseThrow();
        assertThat(document.index()).isEqualTo("events-2026.11.22");
    }

    @Test
    void shouldUseTheRecordTimestampWhenTheEventHasNoTime() {
        long recordTime = java.time.Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
        IndexDocument document = events.convert(record("events", 0, 1, Map.of("user", "ann"), recordTime))
                .orElseThrow();
        assertThat(document.index()).isEqualTo("events-2026.01.02");
        assertThat(document.source().get("user").asText()).isEqualTo("ann");
    }

    @Test
    void shouldReadNestedEventTimeFields() {
        RecordToDocument counters = new RecordToDocument(IndexNamePattern.parse("c-{yyyy}"), "window.start", "");
        IndexDocument document = counters.convert(record("counters", 0, 1,
                Map.of("window", Map.of("start", "2025-12-31T23:59:59Z")))).orElseThrow();
        assertThat(document.index()).isEqualTo("c-2025");
    }

    @Test
    void shouldSkipTombstonesAndRejectNonObjects() {
        assertThat(events.convert(record("events", 0, 1, null, 1L))).isEmpty();
        assertThatThrownBy(() -> events.convert(record("events", 0, 2, "42", 1L)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("offset 2");
    }

    @Test
    void eventTimesFarInTheFutureOrPastShouldNotNameAnIndex() {
        long now = java.time.Instant.parse("2026-12-02T12:00:00Z").toEpochMilli();
        RecordToDocument bounded = new RecordToDocument(IndexNamePattern.parse("events-{yyyy.MM.dd}"), "timestamp", "",
                86_400_000L, 30L * 86_400_000L, () -> now);

        assertThat(bounded.convert(record("events", 0, 1, Map.of("timestamp", "2026-12-03T11:00:00Z"))).orElseThrow()
                .index()).isEqualTo("events-2026.12.03");
        assertThatThrownBy(() -> bounded.convert(record("events", 0, 2, Map.of("timestamp", "9999-12-31T00:00:00Z"))))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("offset 2")
                .hasMessageContaining("index.date.max.future.ms").hasMessageContaining("events-9999.12.31")
                .hasMessageContaining("behavior.on.malformed.documents");
        assertThatThrownBy(() -> bounded.convert(record("events", 0, 3, Map.of("timestamp", 0))))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("index.date.max.age.ms");

        RecordToDocument undated = new RecordToDocument(IndexNamePattern.parse("{topic}"), "timestamp", "",
                86_400_000L, 0, () -> now);
        assertThat(undated.convert(record("events", 0, 4, Map.of("timestamp", "9999-12-31T00:00:00Z"))).orElseThrow()
                .index()).as("no date in the index name: nothing to bound").isEqualTo("events");
    }
}
