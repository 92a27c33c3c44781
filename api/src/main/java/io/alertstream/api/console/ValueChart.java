package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertTimes;
import io.alertstream.topology.model.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The geometry of the Alert detail's chart: the window values the alert's transitions carry, over time, against the
 * thresholds they crossed. Pure (no markup): {@code alert.jte} draws it as an inline SVG (no script, no library) whose
 * every text is escaped by the template, with a title and a description, each point with its own title, and the
 * transitions table below as the readable fallback. Input: transitions oldest first; those without a value are not
 * plotted. Coordinates are in the SVG's own units ({@link #WIDTH} by {@link #HEIGHT}); time runs left to right, the
 * value up.
 */
public record ValueChart(List<Point> points, List<Threshold> thresholds, String polyline, String from, String to, String min,
                         String minY, String max, String maxY, String description) {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 180;
    static final int LEFT = 56;
    static final int RIGHT = 12;
    static final int TOP = 12;
    static final int BOTTOM = 28;

    /** One transition's value: where it is drawn and what its title says. */
    public record Point(String x, String y, String label, String status) {
    }

    /** A threshold crossed by some transition: a horizontal line at {@code y}, labelled with its value. */
    public record Threshold(String y, String label) {
    }

    /** The chart of these transitions, or null when none carries a value (the page then shows the table only). */
    public static ValueChart of(List<Alert> oldestFirst) {
        List<Alert> plotted = oldestFirst.stream().filter(a -> a.value() != null && Double.isFinite(a.value())).toList();
        if (plotted.isEmpty()) {
            return null;
        }
        TreeSet<Double> thresholds = new TreeSet<>();
        plotted.forEach(a -> {
            if (a.threshold() != null && Double.isFinite(a.threshold())) {
                thresholds.add(a.threshold());
            }
        });
        double dataLo = plotted.stream().mapToDouble(Alert::value).min().getAsDouble();
        double dataHi = plotted.stream().mapToDouble(Alert::value).max().getAsDouble();
        double spanLo = thresholds.isEmpty() ? dataLo : Math.min(dataLo, thresholds.first());
        double spanHi = thresholds.isEmpty() ? dataHi : Math.max(dataHi, thresholds.last());
        if (spanHi - spanLo < 1e-9) {
            spanLo -= 1; // one value only: a flat line in the middle, not a division by zero
            spanHi += 1;
        }
        final double pad = (spanHi - spanLo) * 0.08;
        final double lo = spanLo - pad;
        final double hi = spanHi + pad;
        long t0 = AlertTimes.atMillis(plotted.get(0));
        long t1 = AlertTimes.atMillis(plotted.get(plotted.size() - 1));
        List<Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (Alert a : plotted) {
            double x = t1 == t0 ? LEFT + plotWidth() / 2.0 : LEFT + plotWidth() * (AlertTimes.atMillis(a) - t0) / (double) (t1 - t0);
            double y = y(a.value(), lo, hi);
            points.add(new Point(coord(x), coord(y), Format.number(a.value()) + " at " + Format.instant(a.at()) + " (" + a.status()
                    + (a.level() == null ? "" : " " + a.level()) + ")", a.status()));
            line.append(line.isEmpty() ? "" : " ").append(coord(x)).append(',').append(coord(y));
        }
        List<Threshold> lines = thresholds.stream().map(t -> new Threshold(coord(y(t, lo, hi)), "threshold " + Format.number(t))).toList();
        Alert last = plotted.get(plotted.size() - 1);
        String description = plotted.size() + " window value" + (plotted.size() == 1 ? "" : "s") + " from " + Format.instant(plotted.get(0).at())
                + " to " + Format.instant(last.at()) + ", between " + Format.number(dataLo)
                + " and " + Format.number(dataHi) + "; the latest " + Format.number(last.value())
                + (thresholds.isEmpty() ? "" : "; thresholds " + String.join(", ", thresholds.stream().map(Format::number).toList())) + ".";
        return new ValueChart(points, lines, line.toString(), Format.instant(plotted.get(0).at()), Format.instant(last.at()),
                Format.number(dataLo), coord(y(dataLo, lo, hi)), Format.number(dataHi), coord(y(dataHi, lo, hi)), description);
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double y(double v, double lo, double hi) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (hi - v) / (hi - lo);
    }

    /** One decimal, with a dot whatever the server's locale: SVG reads only that. */
    static String coord(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Where the axes and their labels go (for the template). */
    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
