package io.alertstream.topology.processors;

import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Input: a rule's group_by fields, the event's group key and fields, a limit in bytes. Output: the first
 * group_by field whose value (as its JSON text in the group key, UTF-8) exceeds the limit, or null.
 * Costs nothing for ordinary keys: a key short enough that no value in it can exceed the limit is
 * accepted without looking at the values one by one.
 */
final class GroupValueLimit {
    private GroupValueLimit() {
    }

    static String firstTooLarge(List<FieldPath> groupBy, String groupKey, Map<String, Object> fields, int maxBytes) {
        // A UTF-8 character takes at most 3 bytes per UTF-16 char (4 per surrogate pair).
        if ((long) groupKey.length() * 3 <= maxBytes) {
            return null;
        }
        for (FieldPath field : groupBy) {
            String one = AlertKey.encode(List.of(field), fields);
            // "path=" is not part of the value
            int valueBytes = one.getBytes(StandardCharsets.UTF_8).length - field.path().getBytes(StandardCharsets.UTF_8).length - 1;
            if (valueBytes > maxBytes) {
                return field.path();
            }
        }
        return null;
    }
}
