package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.model.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart of the window values: geometry, threshold lines, its accessible text, and escaping when rendered. */
class ValueChartTest {
    private static Alert t(String id, String status, String level, Double value, Double threshold, String at) {
        return new Alert(id, "k", "errors", status, level, null, Map.of(), value, threshold, new Alert.AlertWindow(at, at), at, at, "s",
                Map.of(), List.of(), List.of());
    }

    @Test
    void shouldPlaceValuesLeftToRightInTimeAndHigherValuesHigher() {
        ValueChart c = ValueChart.of(List.of(t("1", "FIRING", "warning", 12.0, 10.0, "2026-12-03T08:00:00Z"),
                t("2", "FIRING", "critical", 30.0, 20.0, "2026-12-03T08:01:00Z"),
                t("3", "RESOLVED", null, 4.0, 8.0, "2026-12-03T08:02:00Z")));

        assertThat(c.points()).extracting(ValueChart.Point::x).containsExactly("56.0", "342.0", "628.0");
        double first = Double.parseDouble(c.points().get(0).y());
        double peak = Double.parseDouble(c.points().get(1).y());
        double low = Double.parseDouble(c.points().get(2).y());
        assertThat(peak).isLessThan(first);
        assertThat(first).isLessThan(low);
        assertThat(low).isLessThanOrEqualTo(c.bottom());
        assertThat(peak).isGreaterThanOrEqualTo(c.top());
        assertThat(c.thresholds()).extracting(ValueChart.Threshold::label).containsExactly("threshold 8", "threshold 10", "threshold 20");
        assertThat(c.description()).contains("3 window values").contains("between 4 and 30").contains("the latest 4")
                .contains("thresholds 8, 10, 20");
        assertThat(c.points().get(1).label()).contains("30 at 2026-12-03 08:01:00 UTC (FIRING critical)");
    }

    @Test
    void shouldDrawOneValueInTheMiddleAndNothingWithoutValues() {
        ValueChart one = ValueChart.of(List.of(t("1", "FIRING", "warning", 5.0, 5.0, "2026-12-03T08:00:00Z")));
        assertThat(one.points()).hasSize(1);
        assertThat(one.points().get(0).x()).isEqualTo("342.0");
        assertThat(ValueChart.of(List.of(t("1", "FIRING", "warning", null, 5.0, "2026-12-03T08:00:00Z")))).isNull();
        assertThat(ValueChart.of(List.of())).isNull();
    }

    @Test
    void shouldRenderAnAccessibleSvgWithTitleDescriptionAndEscapedText() {
        Alert a = t("1", "FIRING", "warning", 12.0, 10.0, "2026-12-03T08:00:00Z");
        Alert b = t("2", "FIRING", "warning", 14.0, 10.0, "2026-12-03T08:01:00Z");
        String html = new Views().render("alert.jte", new AlertPage.Model(new Page("t", "alerts", "alice"), "k<script>x</script>", null,
                List.of(b, a), List.of(), null, null, null, java.time.Instant.parse("2026-12-03T08:30:00Z"), List.of(), null, false,
                ValueChart.of(List.of(a, b)), null));

        assertThat(html).contains("<svg role=\"img\" aria-labelledby=\"chart-svg-title chart-svg-desc\"");
        assertThat(html).contains("<title id=\"chart-svg-title\">Window values of k&lt;script&gt;x&lt;/script&gt; over time");
        assertThat(html).contains("<desc id=\"chart-svg-desc\">2 window values").contains("class=\"threshold\"")
                .contains("<polyline class=\"values\" points=\"56.0,").contains("<figcaption>");
        assertThat(html).doesNotContain("<script>x");
        assertThat(html).doesNotContain("style=");
    }
}
