package io.alertstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one bench run measured: rows of repeated samples (summarised as median and min-max),
 * ratios derived from them (the headline numbers), notes (what was skipped or scaled down, and why)
 * and the machine. Output: a fixed-width text table for the terminal and a JSON document for
 * {@code bench/results/}. Rows keep their raw samples so the JSON can be re-analysed.
 */
public final class Results {
    /** One measured quantity: its section (1-7 of the issue), name, unit and samples. */
    public record Row(String section, String name, String unit, List<Double> samples, String note) {
        public Stats.Spread spread() {
            return Stats.spread(samples);
        }
    }

    private final Map<String, Object> run = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Double> ratios = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /** Run-level facts: mode, command, machine, load averages, start and end time. */
    public void put(String key, Object value) {
        run.put(key, value);
    }

    public Row add(String section, String name, String unit, List<Double> samples, String note) {
        Row row = new Row(section, name, unit, List.copyOf(samples), note == null ? "" : note);
        rows.add(row);
        return row;
    }

    public void ratio(String name, double value) {
        ratios.put(name, value);
    }

    public void note(String text) {
        notes.add(text);
    }

    public List<Row> rows() {
        return rows;
    }

    public Map<String, Double> ratios() {
        return ratios;
    }

    /** The median of the row with this exact name, NaN when there is none. */
    public double median(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().map(r -> r.spread().median()).orElse(Double.NaN);
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-4s %-58s %14s %25s %4s  %s%n", "sec", "measurement", "median", "min - max", "n", "unit"));
        String section = null;
        for (Row r : rows) {
            if (section != null && !section.equals(r.section())) {
                out.append('\n');
            }
            section = r.section();
            Stats.Spread s = r.spread();
            out.append(String.format(Locale.ROOT, "%-4s %-58s %14s %25s %4d  %s%s%n", r.section(), r.name(), number(s.median()),
                    number(s.min()) + " - " + number(s.max()), s.n(), r.unit(), r.note().isEmpty() ? "" : "  (" + r.note() + ")"));
        }
        if (!ratios.isEmpty()) {
            out.append("\nratios (medians):\n");
            ratios.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-70s %s%n", k, number(v))));
        }
        if (!notes.isEmpty()) {
            out.append("\nnotes:\n");
            notes.forEach(n -> out.append("  - ").append(n).append('\n'));
        }
        return out.toString();
    }

    /** Three significant digits, or thousands separators for large values. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    public Map<String, Object> toJsonTree() {
        Map<String, Object> doc = new LinkedHashMap<>(run);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Stats.Spread s = r.spread();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("section", r.section());
            m.put("name", r.name());
            m.put("unit", r.unit());
            m.put("median", finite(s.median()));
            m.put("min", finite(s.min()));
            m.put("max", finite(s.max()));
            m.put("n", s.n());
            m.put("samples", r.samples().stream().map(Results::finite).toList());
            if (!r.note().isEmpty()) {
                m.put("note", r.note());
            }
            out.add(m);
        }
        doc.put("rows", out);
        Map<String, Object> ratioOut = new LinkedHashMap<>();
        ratios.forEach((k, v) -> ratioOut.put(k, finite(v)));
        doc.put("ratios", ratioOut);
        doc.put("notes", notes);
        return doc;
    }

    /** Writes the JSON document to {@code dir/<fileName>}, creating the directory; returns the file. */
    public Path writeJson(Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toJsonTree());
        return file;
    }

    /** JSON has no NaN: an unmeasured value is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
