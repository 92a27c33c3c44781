package io.alertstream.topology.routing;

import io.alertstream.template.Escaper;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code inhibit_rules:} in the routing file, Alertmanager's shape: while an alert matching
 * {@code source} fires, alerts matching {@code target} whose {@code equal} labels have the same values as
 * the source's (a label both lack counts as equal) are not notified. An alert never inhibits itself.
 *
 * @param path where it is written, {@code file:line} (for logs)
 */
public record InhibitRule(String path, List<LabelMatcher> source, List<LabelMatcher> target, List<String> equal) {

    /** The values of the {@code equal} labels, printed {@code {cluster="eu-1"}}: what a source and a target must share. */
    public String equalValues(Map<String, String> labels) {
        StringBuilder b = new StringBuilder("{");
        for (String name : equal) {
            if (b.length() > 1) {
                b.append(',');
            }
            // Quoted and escaped, control characters spelled out: the text is part of store keys that use \0 and \1
            // as separators.
            b.append(name).append('=').append(Escaper.quoteLabelValue(labels.getOrDefault(name, "")));
        }
        return b.append('}').toString();
    }
}
