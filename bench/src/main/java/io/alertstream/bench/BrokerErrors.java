package io.alertstream.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The embedded broker's own count of error responses, by request type and error code
 * ({@code kafka.network:type=RequestMetrics,name=ErrorsPerSec,request=*,error=*}, read over JMX: the
 * broker runs in this JVM). A section takes a snapshot before and after; the difference says how many
 * produce requests were answered {@code CONCURRENT_TRANSACTIONS} or {@code OUT_OF_ORDER_SEQUENCE_NUMBER},
 * i.e. retried inside a transaction, without reading logs.
 */
final class BrokerErrors {
    private BrokerErrors() {
    }

    /** Counts by {@code request/ERROR}, errors other than NONE only. */
    static Map<String, Long> snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=ErrorsPerSec,*"), null)) {
                String error = name.getKeyProperty("error");
                if (error == null || error.equals("NONE")) {
                    continue;
                }
                Object count = server.getAttribute(name, "Count");
                if (count instanceof Number n) {
                    counts.merge(name.getKeyProperty("request") + "/" + error, n.longValue(), Long::sum);
                }
            }
        } catch (Exception e) {
            counts.put("unreadable: " + e, 0L);
        }
        return counts;
    }

    /** What {@code after} counts beyond {@code before}, the non-zero ones, as "request/ERROR n, ...". */
    static String since(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder out = new StringBuilder();
        after.forEach((key, n) -> {
            long delta = n - before.getOrDefault(key, 0L);
            if (delta != 0) {
                out.append(out.length() == 0 ? "" : ", ").append(key).append(' ').append(delta);
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }
}
