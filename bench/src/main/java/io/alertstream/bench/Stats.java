package io.alertstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Order statistics of measured samples: median with its spread (min-max) for repetitions, and
 * nearest-rank percentiles for latency samples. Input: any list of doubles; output: plain numbers.
 * Nearest rank (the smallest sample with at least q·n samples at or below it) never interpolates, so
 * every percentile reported is a latency that was actually observed.
 */
public final class Stats {
    private Stats() {
    }

    /** Median, min and max of repetitions; {@code n} is how many there were. */
    public record Spread(double median, double min, double max, int n) {
    }

    public static Spread spread(List<Double> samples) {
        if (samples.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        List<Double> sorted = sorted(samples);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** Nearest-rank percentile, {@code q} in (0, 1]; NaN for no samples. */
    public static double percentile(List<Double> samples, double q) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        if (q <= 0 || q > 1) {
            throw new IllegalArgumentException("percentile must be in (0, 1], got " + q);
        }
        List<Double> sorted = sorted(samples);
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static List<Double> sorted(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted;
    }
}
