package io.alertstream.topology.routing;

import io.alertstream.topology.rules.Level;
import io.alertstream.topology.rules.RuleSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's {@code owners} and {@code recipients} as routes, so that one path (the router) decides every
 * notification and digest entry. Input: the rule id and the owners or one level's recipients, as an alert
 * carries them; the routing in force for default timings. Output: routes the router takes beside the
 * routing tree's own (they never stop the tree's root from taking what its children leave):
 * <ul>
 *   <li>each owner: a {@code digest} route to the receiver named like the owner (the UserID);</li>
 *   <li>one level's recipients: an {@code immediate} route to an email receiver named by its addresses
 *       ({@value #EMAIL_RECEIVER_PREFIX}{@code a@x,b@y}), one group per alert, with the routing root's timings
 *       (or 30s / 5m / 4h without a routing file), resolutions told.</li>
 * </ul>
 * The email receiver is resolved from its name ({@link #receiver}), not from the rule, so the resolution
 * an alert gets when its rule is deleted still reaches the recipients it carries.
 */
public final class RuleRoutes {
    public static final String EMAIL_RECEIVER_PREFIX = "email:";
    private static final Duration GROUP_WAIT = Duration.ofSeconds(30);
    private static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
    private static final Duration REPEAT_INTERVAL = Duration.ofHours(4);

    private RuleRoutes() {
    }

    /** Digest routes, one per owner. */
    public static List<Route> owners(String ruleId, List<String> owners) {
        List<Route> out = new ArrayList<>();
        if (owners == null) {
            return out;
        }
        for (String owner : owners) {
            if (owner != null && !owner.isBlank()) {
                out.add(new Route("rule " + ruleId + " owners", Map.of(), Map.of(), List.of(), owner, List.of(Route.ALL_LABELS),
                        GROUP_WAIT, GROUP_INTERVAL, REPEAT_INTERVAL, Route.Mode.DIGEST, true, true, List.of()));
            }
        }
        return out;
    }

    /** The immediate email route of one level's recipients, or none when there are none. */
    public static List<Route> recipients(String ruleId, String level, List<String> recipients, Route root) {
        if (recipients == null || recipients.isEmpty()) {
            return List.of();
        }
        List<String> addresses = recipients.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).distinct().sorted().toList();
        if (addresses.isEmpty()) {
            return List.of();
        }
        return List.of(new Route("rule " + ruleId + " recipients." + level, Map.of(), Map.of(), List.of(),
                EMAIL_RECEIVER_PREFIX + String.join(",", addresses), List.of(Route.ALL_LABELS),
                root == null ? GROUP_WAIT : root.groupWait(), root == null ? GROUP_INTERVAL : root.groupInterval(),
                root == null ? REPEAT_INTERVAL : root.repeatInterval(), Route.Mode.IMMEDIATE, true, true, List.of()));
    }

    /** The receiver an {@value #EMAIL_RECEIVER_PREFIX} name stands for, or null for any other name. */
    public static Receiver receiver(String name) {
        if (name == null || !name.startsWith(EMAIL_RECEIVER_PREFIX) || name.length() == EMAIL_RECEIVER_PREFIX.length()) {
            return null;
        }
        List<String> to = List.of(name.substring(EMAIL_RECEIVER_PREFIX.length()).split(","));
        return new Receiver(name, new Receiver.Email(to, List.of(), List.of()), List.of(), null);
    }

    /** What a rule's owners and recipients become, one line each, for {@code rules validate}. */
    public static List<String> describe(RuleSpec rule) {
        List<String> out = new ArrayList<>();
        for (Route r : owners(rule.id(), rule.owners())) {
            String field = io.alertstream.topology.rules.OwnerTemplate.groupField(r.receiver());
            if (field != null) {
                out.add("rule " + rule.id() + ": owner " + r.receiver() + " -> digest route to the receiver each alert's group"
                        + " value of '" + field + "' names (its alarm digest)");
                continue;
            }
            out.add("rule " + rule.id() + ": owner " + r.receiver() + " -> digest route to receiver '" + r.receiver() + "' (its alarm digest)");
        }
        for (Level level : Level.values()) {
            for (Route r : recipients(rule.id(), level.label(), rule.recipientsFor(level), null)) {
                out.add("rule " + rule.id() + ": recipients." + level.label() + " -> immediate email route at level "
                        + level.label() + " to " + r.receiver().substring(EMAIL_RECEIVER_PREFIX.length()));
            }
        }
        return out;
    }
}
