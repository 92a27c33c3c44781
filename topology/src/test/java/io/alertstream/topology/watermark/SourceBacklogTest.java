package io.alertstream.topology.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A running application never calls a partition idle on missing information. */
class SourceBacklogTest {

    @Test
    void shouldTreatEveryPartitionAsUnreadUntilMeasured() {
        SourceBacklog backlog = SourceBacklog.measured();
        assertThat(backlog.hasUnread("events-0")).isTrue();
        backlog.update(Map.of("events-0", 0L, "events-1", 12L));
        assertThat(backlog.hasUnread("events-0")).isFalse();
        assertThat(backlog.hasUnread("events-1")).isTrue();
        assertThat(backlog.hasUnread("events-2")).as("a partition the measurement did not cover").isTrue();
    }

    @Test
    void shouldNeverReportUnreadWithoutMeasurementsInTests() {
        SourceBacklog backlog = SourceBacklog.unknown();
        assertThat(backlog.hasUnread("events-0")).isFalse();
    }
}
