package io.alertstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Silence matchers: equality, inequality and RE2 on the whole value, a missing label being "". */
class LabelMatcherTest {

    private static boolean matches(String matcher, Map<String, String> labels) {
        LabelMatcher.Parsed p = LabelMatcher.parse(matcher);
        assertThat(p.problem()).isNull();
        return p.matcher().matches(labels);
    }

    @Test
    void shouldMatchLikeAlertmanager() {
        Map<String, String> labels = Map.of("service", "checkout", "level", "critical");
        assertThat(matches("service=checkout", labels)).isTrue();
        assertThat(matches("service!=checkout", labels)).isFalse();
        assertThat(matches("service=~check.*", labels)).isTrue();
        assertThat(matches("service=~check", labels)).as("the whole value").isFalse();
        assertThat(matches("service!~cart|db", labels)).isTrue();
        assertThat(matches("env!=dev", labels)).as("a missing label is the empty value").isTrue();
        assertThat(matches("env=", labels)).isTrue();
        assertThat(matches("level=~crit.*", labels)).isTrue();
        assertThat(matches("note=a=b", Map.of("note", "a=b"))).as("the value may hold operators").isTrue();
    }

    @Test
    void shouldPointAtTheProblem() {
        assertThat(LabelMatcher.parse("service").problem()).startsWith("bad matcher 'service'");
        assertThat(LabelMatcher.parse("1x=a").problem()).startsWith("bad label name '1x'");
        LabelMatcher.Parsed backref = LabelMatcher.parse("team=~(a)\\1");
        assertThat(backref.problem()).contains("no backreferences");
        assertThat(backref.index()).isEqualTo("team=~(a)".length());
    }
}
