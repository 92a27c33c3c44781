package io.alertstream.topology.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RateLimitedLogTest {

    private final List<String> lines = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (method.getName().equals("warn")) {
                    lines.add(String.valueOf(args[0]) + (args.length > 1 ? " " + java.util.Arrays.deepToString(
                            java.util.Arrays.copyOfRange(args, 1, args.length)) : ""));
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });

    @Test
    void shouldLogTheFirstWarningForAKeyAndSuppressRepeatsWithinTheInterval() {
        RateLimitedLog log = new RateLimitedLog(logger, 1_000);
        log.warn("late", 5_000, "first {}", 1);
        log.warn("late", 5_500, "second {}", 2);
        log.warn("late", 5_900, "third {}", 3);
        assertThat(lines).hasSize(1).first().asString().contains("first");

        log.warn("late", 6_000, "fourth {}", 4);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("suppressed").contains("2");
        assertThat(lines.get(2)).contains("fourth");
    }

    @Test
    void shouldRateLimitEachKeyOnItsOwn() {
        RateLimitedLog log = new RateLimitedLog(logger, 1_000);
        log.warn("a", 0, "a {}", 1);
        log.warn("b", 1, "b {}", 1);
        log.warn("a", 2, "a {}", 2);
        assertThat(lines).hasSize(2);
    }
}
