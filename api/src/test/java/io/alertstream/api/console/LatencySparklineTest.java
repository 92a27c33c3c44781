package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency sparkline's geometry and words, and its SVG as the Targets view renders it (escaped, no script). */
class LatencySparklineTest {
    private static final Instant T0 = Instant.parse("2026-12-03T00:00:00Z");

    /** Hours oldest first with these p50s (null: no answered check). */
    private static List<TargetsPage.Hour> hours(Double... p50) {
        List<TargetsPage.Hour> out = new ArrayList<>();
        for (int i = 0; i < p50.length; i++) {
            out.add(new TargetsPage.Hour(T0.plusSeconds(3600L * i).toString(), p50[i] == null ? 0 : 10, 0, p50[i]));
        }
        return out;
    }

    @Test
    void shouldPlaceEachHourAtItsBarSegmentAndSpanLowestToHighest() {
        LatencySparkline s = LatencySparkline.of(hours(40.0, 80.0, 60.0));

        // x at the middle of each of three 80-wide segments; y from 33 (lowest) to 3 (highest)
        assertThat(s.points()).extracting(LatencySparkline.Point::x).containsExactly("40.0", "120.0", "200.0");
        assertThat(s.points()).extracting(LatencySparkline.Point::y).containsExactly("33.0", "3.0", "18.0");
        assertThat(s.lines()).containsExactly("40.0,33.0 120.0,3.0 200.0,18.0");
        assertThat(s.points().get(1).title()).isEqualTo("2026-12-03 01:00:00 UTC: p50 80 ms");
        assertThat(s.label()).isEqualTo("Latency per hour (p50), last 3 hours: lowest 40 ms, highest 80 ms, latest 60 ms");
    }

    @Test
    void shouldBreakTheLineAtHoursWithoutLatencyAndDrawALoneHourAsADot() {
        LatencySparkline s = LatencySparkline.of(hours(50.0, 52.0, null, 70.0, null));

        assertThat(s.lines()).as("the run before the gap; the lone hour after it is a dot only").hasSize(1);
        assertThat(s.lines().get(0)).isEqualTo("24.0,33.0 72.0,30.0");
        assertThat(s.points()).hasSize(3);
        assertThat(s.label()).endsWith("latest 70 ms");
    }

    @Test
    void shouldDrawEqualLatenciesAsAFlatLineInTheMiddleAndSayWhenThereIsNone() {
        assertThat(LatencySparkline.of(hours(41.2, 41.2)).points()).extracting(LatencySparkline.Point::y).containsOnly("18.0");
        LatencySparkline none = LatencySparkline.of(hours(null, null));
        assertThat(none.empty()).isTrue();
        assertThat(none.label()).isEqualTo("Latency per hour: no answered checks yet");
    }

    @Test
    void shouldRenderAnAccessibleInlineSvgInTheTargetsList() {
        TargetsPage.Target target = new TargetsPage.Target("t-<1>", "https://h.example/?a=<b>", "GET", 30_000, null, List.of("alice"));
        TargetsPage.Stats stats = new TargetsPage.Stats(20, 0, 100.0, new TargetsPage.Latency(45.0, 80.0), 20, hours(40.0, 50.0));
        String html = new Views().render("targetsLive.jte", new TargetsPage.Model(List.of(new TargetsPage.Row(target, stats, null, List.of())), null, null));

        assertThat(html).contains("<svg class=\"sparkline\" viewBox=\"0 0 240 36\" preserveAspectRatio=\"none\" role=\"img\" "
                + "aria-label=\"Latency per hour (p50), last 2 hours: lowest 40 ms, highest 50 ms, latest 50 ms\">");
        assertThat(html).contains("<title>Latency per hour (p50), last 2 hours: lowest 40 ms, highest 50 ms, latest 50 ms</title>");
        assertThat(html).contains("<polyline points=\"60.0,33.0 180.0,3.0\"/>");
        assertThat(html).contains("<line class=\"dot\" x1=\"180.0\" y1=\"3.0\" x2=\"180.0\" y2=\"3.0\"><title>2026-12-03 01:00:00 UTC: p50 50 ms</title></line>");
        assertThat(html).doesNotContain("<script").doesNotContain("style=");
        assertThat(html).as("the edit link names the target, escaped").contains("href=\"/console/targets/edit?id=t-%3C1%3E\"")
                .contains("aria-label=\"Edit target https://h.example/?a=&lt;b>\"");
    }
}
