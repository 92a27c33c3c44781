package io.alertstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.rules.RuleSetLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleRoutesTest {

    @Test
    void shouldMakeOneDigestRoutePerOwnerAndOneEmailRoutePerLevelOfRecipients() {
        assertThat(RuleRoutes.owners("r", List.of("alice", "bob"))).extracting(Route::receiver, Route::mode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", Route.Mode.DIGEST),
                        org.assertj.core.groups.Tuple.tuple("bob", Route.Mode.DIGEST));
        List<Route> email = RuleRoutes.recipients("r", "critical", List.of("b@x.com", "a@x.com", "a@x.com"), null);
        assertThat(email).singleElement().satisfies(r -> {
            assertThat(r.receiver()).isEqualTo("email:a@x.com,b@x.com");
            assertThat(r.mode()).isEqualTo(Route.Mode.IMMEDIATE);
            assertThat(r.sendResolved()).isTrue();
            assertThat(r.groupBy()).containsExactly(Route.ALL_LABELS);
        });
        assertThat(RuleRoutes.recipients("r", "warning", List.of(), null)).isEmpty();
    }

    @Test
    void shouldResolveAnEmailReceiverFromItsNameWhateverTheRoutingFileHolds() {
        Receiver r = RoutingSpec.NONE.receiver("email:a@x.com,b@x.com");
        assertThat(r.email().to()).containsExactly("a@x.com", "b@x.com");
        assertThat(RoutingSpec.NONE.receiver("alice")).isNull();
    }

    @Test
    void shouldDescribeWhatARulesOwnersAndRecipientsBecome() {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: r
                    aggregate: count
                    window: {size: 1m}
                    triggers: {warning: {above: 1}, critical: {above: 5}}
                    owners: [alice]
                    recipients: {warning: [team@x.com], critical: [pager@x.com]}
                """));
        assertThat(set.ok()).as(String.valueOf(set.problems())).isTrue();
        assertThat(RuleRoutes.describe(set.rules().get(0).spec())).containsExactly(
                "rule r: owner alice -> digest route to receiver 'alice' (its alarm digest)",
                "rule r: recipients.warning -> immediate email route at level warning to team@x.com",
                "rule r: recipients.critical -> immediate email route at level critical to pager@x.com");
    }
}
