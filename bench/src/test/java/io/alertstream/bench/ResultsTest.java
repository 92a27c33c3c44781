package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {
    @TempDir
    Path tmp;

    private static Results sample() {
        Results r = new Results();
        r.put("mode", "quick");
        r.add("1", "raw consume", "records/s", List.of(300_000.0, 100_000.0, 200_000.0), "3 reps");
        r.add("2", "topology 1 rule, 1k keys", "events/s", List.of(20_000.0), null);
        r.ratio("topology 1 rule, 1k keys / raw consume", 0.1);
        r.note("section 5 not measured");
        return r;
    }

    @Test
    void shouldPrintMedianSpreadAndCountPerRowWithRatiosAndNotes() {
        String table = sample().table();

        assertThat(table).contains("raw consume").contains("200,000").contains("100,000 - 300,000").contains("records/s");
        assertThat(table).contains("topology 1 rule, 1k keys / raw consume").contains("0.100");
        assertThat(table).contains("- section 5 not measured");
        assertThat(table.lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow()).contains(" 3  records/s");
    }

    @Test
    void shouldWriteJsonWithSamplesMediansRatiosAndNotes() throws Exception {
        Path file = sample().writeJson(tmp.resolve("results"), "quick-1.json");

        JsonNode doc = new ObjectMapper().readTree(Files.readString(file));
        assertThat(doc.path("mode").asText()).isEqualTo("quick");
        JsonNode raw = doc.path("rows").get(0);
        assertThat(raw.path("median").asDouble()).isEqualTo(200_000.0);
        assertThat(raw.path("min").asDouble()).isEqualTo(100_000.0);
        assertThat(raw.path("max").asDouble()).isEqualTo(300_000.0);
        assertThat(raw.path("samples")).hasSize(3);
        assertThat(doc.path("ratios").path("topology 1 rule, 1k keys / raw consume").asDouble()).isEqualTo(0.1);
        assertThat(doc.path("notes").get(0).asText()).isEqualTo("section 5 not measured");
    }

    @Test
    void shouldWriteUnmeasuredValuesAsNull() throws Exception {
        Results r = new Results();
        r.add("3", "alert latency p99", "ms", List.of(), "no probe alerted");
        r.ratio("x / raw consume", Double.NaN);

        JsonNode doc = new ObjectMapper().readTree(Files.readString(r.writeJson(tmp, "r.json")));

        assertThat(doc.path("rows").get(0).path("median").isNull()).isTrue();
        assertThat(doc.path("ratios").path("x / raw consume").isNull()).isTrue();
        assertThat(r.table()).contains("n/a");
    }
}
