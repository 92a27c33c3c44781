package io.alertstream.api.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A target's latency sparkline, drawn by the server as inline SVG (no script, nothing fetched): one point per hour of
 * the uptime bar at that hour's p50 latency ({@code GET /v1/targets/{id}/stats}, {@code hours[].latency_ms}), at the middle
 * of the hour's segment: the SVG is stretched to the bar's width ({@code preserveAspectRatio="none"}; the stylesheet keeps
 * strokes and dots from stretching with it), so a dip in the bar and a peak in the line line up. Hours without an answered check have no point and break the line, so a gap is not drawn as
 * a trend. The y axis spans the lowest to the highest p50 shown: the shape says how latency moved, the label the
 * numbers. Coordinates are formatted here (numbers only); the template escapes everything it writes.
 *
 * @param lines  each run of consecutive hours with a latency as SVG {@code points} ({@code "x,y x,y"}), runs of two or more
 * @param points every hour with a latency, a dot with its hour and value
 * @param label  what a screen reader says instead of the picture: the lowest, highest and latest p50
 */
public record LatencySparkline(int width, int height, List<String> lines, List<Point> points, String label) {
    static final int WIDTH = 240;
    static final int HEIGHT = 36;
    /** Room above the highest and below the lowest point, so a dot is not cut in half. */
    static final double PAD = 3;

    /** One hour's dot; {@code title} is its tooltip ({@code 2026-12-03 08:00:00 UTC: p50 41.2 ms}). */
    public record Point(String x, String y, String title) {
    }

    public boolean empty() {
        return points.isEmpty();
    }

    /** The sparkline of {@code hours} (oldest first, as the stats answer them). */
    public static LatencySparkline of(List<TargetsPage.Hour> hours) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Double latest = null;
        for (TargetsPage.Hour h : hours) {
            if (h.latencyMs() != null) {
                min = Math.min(min, h.latencyMs());
                max = Math.max(max, h.latencyMs());
                latest = h.latencyMs();
            }
        }
        if (latest == null) {
            return new LatencySparkline(WIDTH, HEIGHT, List.of(), List.of(), "Latency per hour: no answered checks yet");
        }
        double segment = (double) WIDTH / hours.size();
        List<String> lines = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            TargetsPage.Hour h = hours.get(i);
            if (h.latencyMs() == null) {
                endRun(run, lines);
                continue;
            }
            // The same height for every point when they are all equal: a flat line in the middle.
            double share = max == min ? 0.5 : (h.latencyMs() - min) / (max - min);
            String x = coordinate((i + 0.5) * segment);
            String y = coordinate(HEIGHT - PAD - share * (HEIGHT - 2 * PAD));
            run.add(x + "," + y);
            points.add(new Point(x, y, Format.instant(h.start()) + ": p50 " + Format.number(h.latencyMs()) + " ms"));
        }
        endRun(run, lines);
        String label = "Latency per hour (p50), last " + hours.size() + " hours: lowest " + Format.number(min) + " ms, highest "
                + Format.number(max) + " ms, latest " + Format.number(latest) + " ms";
        return new LatencySparkline(WIDTH, HEIGHT, List.copyOf(lines), List.copyOf(points), label);
    }

    private static void endRun(List<String> run, List<String> lines) {
        if (run.size() >= 2) {
            lines.add(String.join(" ", run));
        }
        run.clear();
    }

    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
