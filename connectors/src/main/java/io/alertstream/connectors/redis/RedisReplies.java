package io.alertstream.connectors.redis;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts a Redis error reply into what the sink does with it.
 *
 * <p>Input: the text of an error reply (as Jedis gives it, without the leading {@code -}), either a plain
 * reply ({@code OOM command not allowed ...}) or one wrapped by a failing Lua script
 * ({@code ERR Error running script ...: -READONLY You can't write ...}, Redis 6; Redis 7 keeps the code).
 * Output: {@link Kind#OUTAGE} for a server that cannot take writes right now (out of memory, replica after
 * a failover, busy script, failed persistence, cluster down, loading, not enough replicas): the batch is
 * retried and finally handed back to Connect, never dead-lettered; {@link Kind#RECONNECT} for a lost
 * session (script cache flushed, authentication gone); {@link Kind#BAD_RECORD} for everything else
 * ({@code WRONGTYPE}, a value the script refuses): only then is the record to blame.
 */
final class RedisReplies {
    /** What to do with an error reply. */
    enum Kind { OUTAGE, RECONNECT, BAD_RECORD }

    /** Replies that say "the server cannot write now", not "this record is wrong". */
    static final List<String> OUTAGE_CODES = List.of("OOM", "READONLY", "BUSY", "MISCONF", "CLUSTERDOWN", "LOADING",
            "TRYAGAIN", "MASTERDOWN", "NOREPLICAS", "MOVED", "ASK", "NOPERM");
    static final List<String> RECONNECT_CODES = List.of("NOSCRIPT", "NOAUTH");

    /** The error code of a plain reply, or the code of the command a script ran that failed. */
    private static final Pattern WRAPPED_CODE = Pattern.compile("(?:^|[:\\s])-([A-Z]{2,})\\b");

    private RedisReplies() {
    }

    static Kind classify(String message) {
        String code = code(message);
        if (OUTAGE_CODES.contains(code)) {
            return Kind.OUTAGE;
        }
        if (RECONNECT_CODES.contains(code)) {
            return Kind.RECONNECT;
        }
        return Kind.BAD_RECORD;
    }

    /** The code that decides: the first word, unless a script wrapped the failing command's reply. */
    static String code(String message) {
        String text = message == null ? "" : message.trim();
        Matcher wrapped = WRAPPED_CODE.matcher(text);
        if (wrapped.find()) {
            return wrapped.group(1);
        }
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }
}
