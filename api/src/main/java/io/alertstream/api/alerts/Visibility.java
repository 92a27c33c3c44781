package io.alertstream.api.alerts;

import io.alertstream.api.auth.Principal;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.AlertRouting;
import io.alertstream.topology.routing.Receiver;
import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingSpec;
import java.util.List;
import java.util.stream.Stream;

/**
 * Who may see an alert transition: an admin, a user named in its {@code owners} (user ids, exact), a
 * user whose email address is in its {@code recipients} (case-insensitive, as email addresses are), or a
 * receiver of a route of the routing file that this alert goes to: the caller's email is an address
 * ({@code to}, {@code cc} or {@code bcc}) of that route's receiver, or the route is a {@code mode: digest}
 * route whose receiver is the caller's user id (the UserID of an alarm digest).
 *
 * <p>Routes are found with the engine's own matching ({@link AlertRouting#fileRoutes}) against the routing
 * in force now (the global routing store), not the routing of the day the transition happened: the question
 * is "is this your alert", and an edited routing file answers it for the past too.
 */
public final class Visibility {
    private final RoutingCatalog routing;

    /** @param routing the routing in force, kept current by the API topology's global routing store */
    public Visibility(RoutingCatalog routing) {
        this.routing = routing;
    }

    /** Owners, recipients and admins only: no routing file. */
    public static Visibility withoutRouting() {
        return new Visibility(new RoutingCatalog());
    }

    /** Whether {@code caller} may see this alert transition. */
    public boolean canSee(Principal caller, Alert alert) {
        return canSee(caller, alert.owners(), alert.recipients()) || receivesByRoute(caller, routing.current(), alert);
    }

    /** Admins, owners (exact user id) and recipients (email, case-insensitive). */
    public static boolean canSee(Principal caller, List<String> owners, List<String> recipients) {
        if (caller.admin()) {
            return true;
        }
        if (owners != null && caller.user() != null && owners.contains(caller.user())) {
            return true;
        }
        return recipients != null && caller.email() != null && recipients.stream().anyMatch(r -> r != null && r.equalsIgnoreCase(caller.email()));
    }

    /** Whether the routing file sends this alert to a route the caller receives (by email, or as a digest user). */
    static boolean receivesByRoute(Principal caller, RoutingSpec spec, Alert alert) {
        if (spec.root() == null) {
            return false;
        }
        for (Route route : AlertRouting.fileRoutes(spec, alert)) {
            if (route.receiver() == null) {
                continue; // a root without a receiver tells no one
            }
            if (route.mode() == Route.Mode.DIGEST && route.receiver().equals(caller.user())) {
                return true;
            }
            // Only the file's own receivers: the "email:" receivers a rule's recipients stand for are checked above.
            Receiver receiver = spec.receivers().get(route.receiver());
            if (receiver != null && receiver.email() != null && caller.email() != null && addresses(receiver.email())
                    .anyMatch(address -> address.equalsIgnoreCase(caller.email()))) {
                return true;
            }
        }
        return false;
    }

    private static Stream<String> addresses(Receiver.Email email) {
        return Stream.of(email.to(), email.cc(), email.bcc()).filter(l -> l != null).flatMap(List::stream).filter(a -> a != null);
    }
}
