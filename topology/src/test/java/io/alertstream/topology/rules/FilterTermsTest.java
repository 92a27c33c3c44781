package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which conjuncts of a filter the index may use, and which term each rule is filed under: only
 * top-level {@code ==} and {@code in} against scalar literals; {@code ||}, negation, {@code !=},
 * ranges, presence tests and non-literal operands leave a rule on the scan list.
 */
class FilterTermsTest {

    private static List<IndexTerm> terms(String filter) {
        return IndexedRules.compile(Arrays.asList(filter)).get(0).indexTerms();
    }

    private static IndexTerm term(String path, Object... keys) {
        return new IndexTerm(List.of(path.split("\\.")), List.of(keys));
    }

    @Test
    void shouldExtractEqualityWithTheLiteralOnEitherSide() {
        assertThat(terms("event.service == \"api\"")).containsExactly(term("service", "api"));
        assertThat(terms("\"api\" == event.service")).containsExactly(term("service", "api"));
    }

    @Test
    void shouldKeyEveryNumberByItsDoubleValue() {
        assertThat(terms("event.status == 500")).containsExactly(term("status", 500.0));
        assertThat(terms("event.status == 500u")).containsExactly(term("status", 500.0));
        assertThat(terms("event.status == 500.0")).containsExactly(term("status", 500.0));
        assertThat(terms("event.x == -0.0")).containsExactly(term("x", 0.0));
        assertThat(terms("event.ok == true")).containsExactly(term("ok", true));
    }

    @Test
    void shouldFollowNestedPathsAndIndexSelection() {
        assertThat(terms("event.http.route == \"/a\"")).containsExactly(term("http.route", "/a"));
        assertThat(terms("event[\"http\"].route == \"/a\"")).containsExactly(term("http.route", "/a"));
        assertThat(terms("event[\"a.b\"] == 1")).containsExactly(new IndexTerm(List.of("a.b"), List.of(1.0)));
    }

    @Test
    void shouldExtractInListsWithDistinctKeys() {
        assertThat(terms("event.status in [500, 503, 500.0, \"x\"]")).containsExactly(term("status", 500.0, 503.0, "x"));
        assertThat(terms("event.status in []")).containsExactly(new IndexTerm(List.of("status"), List.of()));
    }

    @Test
    void shouldExtractEveryTopLevelConjunctInSourceOrder() {
        assertThat(terms("event.env == \"prod\" && event.status >= 500 && (event.service == \"api\" && event.ok == false)"))
                .containsExactly(term("env", "prod"), term("service", "api"), term("ok", false));
    }

    @Test
    void shouldNotIndexDisjunctionsNegationsRangesOrNonLiterals() {
        assertThat(terms("event.service == \"a\" || event.service == \"b\"")).isEmpty();
        assertThat(terms("!(event.service == \"a\")")).isEmpty();
        assertThat(terms("event.service != \"a\"")).isEmpty();
        assertThat(terms("event.status >= 500")).isEmpty();
        assertThat(terms("has(event.service)")).isEmpty();
        assertThat(terms("event.service == event.owner")).isEmpty();
        assertThat(terms("event.status in [500, event.other]")).isEmpty();
        assertThat(terms("event.service in {\"a\": 1}")).isEmpty();
        assertThat(terms("event.service == null")).isEmpty();
        assertThat(terms("event.tags[0] == \"a\"")).isEmpty();
        assertThat(terms("event.service == \"a\" ? true : false")).isEmpty();
        assertThat(terms("[1].exists(event, event == 1)")).isEmpty();
        assertThat(terms("event.size() == 2")).isEmpty();
    }

    @Test
    void shouldFileARuleUnderItsRarestTermAndTheRestOnTheScanList() {
        RuleIndex index = IndexedRules.index(
                "event.env == \"prod\" && event.service == \"api\"",
                "event.env == \"prod\" && event.service == \"web\"",
                "event.env == \"prod\"",
                "event.service == \"a\" || event.service == \"b\"",
                null);
        assertThat(index.filedUnder("r-0000")).isEqualTo(term("service", "api"));
        assertThat(index.filedUnder("r-0001")).isEqualTo(term("service", "web"));
        assertThat(index.filedUnder("r-0002")).isEqualTo(term("env", "prod"));
        assertThat(index.filedUnder("r-0003")).isNull();
        assertThat(index.filedUnder("r-0004")).isNull();
        assertThat(index.scanned()).isEqualTo(2);
    }

    @Test
    void shouldReturnCandidatesInCatalogOrderIncludingTheScanList() {
        RuleIndex index = IndexedRules.index(
                "event.service == \"api\"", "event.status == 500", "event.service == \"web\"", null, "event.status in [500, 404]");
        Map<String, Object> event = Map.of("service", "api", "status", 500.0);
        assertThat(index.candidates(event)).containsExactly(0, 1, 3, 4);
        assertThat(index.candidates(Map.of("service", "web", "status", 404L))).containsExactly(2, 3, 4);
        assertThat(index.candidates(Map.of("service", Map.of("a", 1), "status", List.of(500L)))).containsExactly(3);
        assertThat(index.candidates(Map.of())).containsExactly(3);
    }
}
