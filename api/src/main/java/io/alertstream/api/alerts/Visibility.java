package io.alertstream.api.alerts;

import io.alertstream.api.auth.Principal;
import java.util.List;

/**
 * Who may see an alert: an admin, a user named in its {@code owners} (user ids, exact), or a user
 * whose email address is in its {@code recipients} (case-insensitive, as email addresses are).
 */
public final class Visibility {
    private Visibility() {
    }

    public static boolean canSee(Principal caller, List<String> owners, List<String> recipients) {
        if (caller.admin()) {
            return true;
        }
        if (owners != null && caller.user() != null && owners.contains(caller.user())) {
            return true;
        }
        return recipients != null && caller.email() != null && recipients.stream().anyMatch(r -> r != null && r.equalsIgnoreCase(caller.email()));
    }
}
