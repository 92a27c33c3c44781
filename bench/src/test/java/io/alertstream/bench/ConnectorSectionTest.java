package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorSectionTest {
    private static final long S = 1_000_000_000L;

    /** A drain of 10k records, 2k of them in the first commit: 8k between the first and the last commit. */
    private static DrainTimeline drain(long firstCommitNanos, long lastCommitNanos) {
        DrainTimeline t = new DrainTimeline(0, 10_000);
        t.observe(firstCommitNanos, 2_000);
        t.observe(lastCommitNanos, 10_000);
        return t;
    }

    @Test
    void shouldReportRedisWritesPerSecondAndTheConnectorsRatiosToBothRawBaselines() {
        Results results = new Results();

        ConnectorSection.redisRows(results, "10000 counter updates", List.of(100_000.0), List.of(20_000.0, 40_000.0, 30_000.0),
                List.of(drain(S, 5 * S), drain(S / 2, S / 2 + 4 * S)));

        assertThat(results.median(ConnectorSection.REDIS_SCRIPT)).isEqualTo(30_000.0);
        assertThat(results.median(ConnectorSection.REDIS_STEADY)).isEqualTo(2_000.0);
        assertThat(results.ratios().get(ConnectorSection.REDIS_STEADY + " / raw EVALSHA")).isEqualTo(2_000.0 / 30_000.0);
        assertThat(results.ratios().get(ConnectorSection.REDIS_STEADY + " / raw HSET")).isEqualTo(0.02);
        assertThat(results.table()).contains("500/pipeline").contains("start 0.750 s").contains("writes/s");
    }

    @Test
    void shouldReportElasticsearchDocumentsPerSecondWithTheSteadyAndWholeRatiosToRawBulk() {
        Results results = new Results();

        ConnectorSection.elasticsearchRows(results, "10000 events", List.of(4_000.0), List.of(drain(S, 5 * S)));

        assertThat(results.median(ConnectorSection.ES_WITH_START)).isEqualTo(2_000.0);
        assertThat(results.ratios().get(ConnectorSection.ES_STEADY + " / raw bulk")).isEqualTo(0.5);
        assertThat(results.ratios().get(ConnectorSection.ES_WITH_START + " / raw bulk")).isEqualTo(0.5);
        assertThat(results.table()).contains("1000/bulk, sequential").contains("docs/s");
    }
}
