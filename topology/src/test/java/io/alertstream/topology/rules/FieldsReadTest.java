package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelAbstractSyntaxTree;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldsReadTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = ';', value = {
            "event.service == 'api'                                   ; service",
            "event.http.status >= 500 && event['region'] == 'eu'      ; http region",
            "has(event.trace) || event.kind in ['a', 'b']             ; kind trace",
            "event.tags.exists(t, t == 'hot')                          ; tags",
            "true                                                      ; NONE",
            "size(event) > 3                                           ; ALL",
            "'service' in event                                        ; ALL",
            "event[event.which] == 1                                   ; ALL",
            "event.exists(k, k == 'x')                                 ; ALL",
    })
    void shouldFindTheTopLevelFieldsAFilterReads(String filter, String expected) throws Exception {
        FieldsRead read = FieldsRead.ofFilter(ast(filter));
        if (expected.equals("ALL")) {
            assertThat(read.all()).isTrue();
            return;
        }
        assertThat(read.all()).isFalse();
        for (String name : expected.equals("NONE") ? new String[0] : expected.split(" ")) {
            assertThat(read.reads(name)).as(name).isTrue();
        }
        assertThat(read.reads("unrelated")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void shouldAddGroupByAndAggregatedFieldByTheirFirstSegment() {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(java.util.Map.of("r.yaml", """
                rules:
                  - id: slow
                    filter: event.kind == "request"
                    group_by: [service, http.route]
                    window: {size: 1m}
                    aggregate: {function: max, field: latency.p95}
                    triggers:
                      warning: {above: 100}
                  - id: all
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 100}
                """));
        assertThat(set.problems()).isEmpty();
        FieldsRead slow = set.rules().stream().filter(r -> r.id().equals("slow")).findFirst().orElseThrow().fieldsRead();
        assertThat(List.of("kind", "service", "http", "latency")).allMatch(slow::reads);
        assertThat(slow.reads("route")).isFalse();
        assertThat(slow.reads("p95")).isFalse();
        FieldsRead all = set.rules().stream().filter(r -> r.id().equals("all")).findFirst().orElseThrow().fieldsRead();
        assertThat(all.all()).isFalse();
        assertThat(all.reads("kind")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void shouldUniteAndLetAllWin() {
        FieldsRead a = FieldsRead.of(List.of("a"));
        FieldsRead b = FieldsRead.of(List.of("b"));
        assertThat(FieldsRead.union(List.of(a, b)).reads("b")).isTrue();
        assertThat(FieldsRead.union(List.of(a, b)).reads("c")).isFalse();
        assertThat(FieldsRead.union(List.of(a, FieldsRead.ALL)).all()).isTrue();
        assertThat(FieldsRead.union(List.of()).reads("a")).isFalse();
    }

    private static CelAbstractSyntaxTree ast(String filter) throws Exception {
        return RuleCompiler.check(filter.replace('\'', '"')).getAst();
    }
}
