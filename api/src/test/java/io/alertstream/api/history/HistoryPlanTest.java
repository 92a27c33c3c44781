package io.alertstream.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a history range is split between the history store and the archive at the retention horizon. */
class HistoryPlanTest {
    private static final Instant HORIZON = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void shouldNeverAskTheArchiveForARangeInsideTheRetention() {
        HistoryPlan plan = HistoryPlan.of(HORIZON, HORIZON.plusSeconds(60), HORIZON, true);
        assertThat(plan.asksArchive()).isFalse();
        assertThat(plan.storeFrom()).isEqualTo(HORIZON);
        assertThat(plan.sources()).containsExactly("store");
    }

    @Test
    void shouldSplitARangeAcrossTheHorizon() {
        HistoryPlan plan = HistoryPlan.of(HORIZON.minusSeconds(3600), HORIZON.plusSeconds(3600), HORIZON, true);
        assertThat(plan.archiveFrom()).isEqualTo(HORIZON.minusSeconds(3600));
        assertThat(plan.archiveUntil()).as("exclusive, a little past where the store's part starts")
                .isEqualTo(HORIZON.plus(HistoryPlan.OVERLAP));
        assertThat(plan.storeFrom()).isEqualTo(HORIZON);
        assertThat(plan.to()).isEqualTo(HORIZON.plusSeconds(3600));
        assertThat(plan.sources()).isEqualTo(List.of("store", "elasticsearch"));
    }

    @Test
    void shouldNotAskTheArchivePastTheEndOfTheRange() {
        HistoryPlan plan = HistoryPlan.of(HORIZON.minusSeconds(3600), HORIZON.plusSeconds(60), HORIZON, true);
        assertThat(plan.archiveUntil()).isEqualTo(HORIZON.plusSeconds(60).plusMillis(1));
        assertThat(plan.storeFrom()).isEqualTo(HORIZON);
    }

    @Test
    void shouldAskOnlyTheArchiveForARangeBeforeTheHorizonIncludingItsEnd() {
        Instant to = HORIZON.minusSeconds(10);
        HistoryPlan plan = HistoryPlan.of(HORIZON.minusSeconds(3600), to, HORIZON, true);
        assertThat(plan.asksStore()).isFalse();
        assertThat(plan.archiveUntil()).isEqualTo(to.plusMillis(1));
        assertThat(plan.sources()).containsExactly("elasticsearch");
    }

    @Test
    void shouldAskTheStoreForEverythingWithoutAnArchive() {
        HistoryPlan plan = HistoryPlan.of(HORIZON.minusSeconds(3600), HORIZON.plusSeconds(60), HORIZON, false);
        assertThat(plan.asksArchive()).isFalse();
        assertThat(plan.storeFrom()).isEqualTo(HORIZON.minusSeconds(3600));
        assertThat(plan.sources()).containsExactly("store");
    }
}
