package io.alertstream.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads numbers out of a Prometheus text scrape, for the tests that scrape a running instance. */
public final class PrometheusScrape {
    private PrometheusScrape() {
    }

    /** The sum of {@code name} over its series whose labels contain every one of {@code labels} (e.g. {@code rule="x"}). */
    public static double sum(String scrape, String name, String... labels) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(scrape);
        while (m.find()) {
            boolean all = true;
            for (String label : labels) {
                all &= m.group(1).contains(label);
            }
            if (all) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }
}
