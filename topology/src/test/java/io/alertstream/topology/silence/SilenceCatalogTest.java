package io.alertstream.topology.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.routing.RoutingCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When silences are active; the matched set of until-resolved ones, also as rebuilt after a restart. */
class SilenceCatalogTest {
    private static final long NOW = Instant.parse("2026-01-01T01:00:00Z").toEpochMilli();
    private static final Map<String, String> CHECKOUT = Map.of("service", "checkout", "level", "critical");
    private final FiringAlerts firing = new FiringAlerts(new RoutingCatalog());
    private final SilenceCatalog catalog = new SilenceCatalog(firing);

    private static Silence silence(String start, String end, String until) {
        return new Silence("s", List.of("service=checkout"), start, end, until, "alice", null, null, null, null);
    }

    @Test
    void shouldBeActiveFromStartsAtUntilEndsAt() {
        catalog.put(silence("2026-01-01T00:30:00Z", "2026-01-01T02:00:00Z", null));
        assertThat(catalog.silencing(CHECKOUT, NOW)).containsExactly("s");
        assertThat(catalog.silencing(Map.of("service", "cart"), NOW)).isEmpty();
        assertThat(catalog.active("s", Instant.parse("2026-01-01T00:29:59Z").toEpochMilli())).isFalse();
        assertThat(catalog.active("s", Instant.parse("2026-01-01T02:00:00Z").toEpochMilli())).as("ends_at is exclusive").isFalse();
    }

    @Test
    void shouldEndAnUntilResolvedSilenceWhenWhatItMatchedResolved() {
        firing.put("r|checkout", CHECKOUT);
        catalog.put(silence(null, null, "resolved"));
        assertThat(catalog.active("s", NOW)).as("matches the firing checkout at its start").isTrue();
        catalog.alertFiring("r|checkout-eu", Map.of("service", "checkout"), NOW);
        firing.remove("r|checkout");
        catalog.alertResolved("r|checkout");
        assertThat(catalog.active("s", NOW)).as("checkout-eu, matched while active, still fires").isTrue();
        catalog.alertResolved("r|checkout-eu");
        assertThat(catalog.active("s", NOW)).isFalse();
        assertThat(catalog.resolvedAway("s", NOW)).isTrue();
        catalog.alertFiring("r|checkout", CHECKOUT, NOW);
        assertThat(catalog.active("s", NOW)).as("over for good").isFalse();
    }

    @Test
    void shouldWaitForAFirstMatchUnlessTheMatchedRecordSaysItHadOne() {
        Silence s = silence(null, null, "resolved");
        catalog.put(s);
        assertThat(catalog.active("s", NOW)).as("nothing matched yet: it waits").isTrue();

        SilenceCatalog restarted = new SilenceCatalog(new FiringAlerts(new RoutingCatalog()));
        restarted.markMatched("s", SilenceCatalog.version(s));
        restarted.put(s);
        assertThat(restarted.active("s", NOW)).as("it had matched, and nothing it matches fires now").isFalse();

        SilenceCatalog edited = new SilenceCatalog(new FiringAlerts(new RoutingCatalog()));
        edited.markMatched("s", SilenceCatalog.version(s));
        edited.put(new Silence("s", List.of("service=cart"), null, null, "resolved", "alice", null, null, null, null));
        assertThat(edited.active("s", NOW)).as("the record was about other matchers").isTrue();
    }
}
