package io.alertstream.topology.sourcefile;

import java.nio.file.Path;
import java.util.Set;

/**
 * The files of a rules directory by name: the routing, targets and silences files (each with a {@code .yml}
 * spelling), and every other {@code .yaml}/{@code .yml} file, which holds rules. Here, below the readers of each
 * kind, so the rule loader can skip the others without knowing them.
 */
public final class DirectoryFiles {
    public static final String ROUTING = "routing.yaml";
    public static final String ROUTING_ALT = "routing.yml";
    public static final String TARGETS = "targets.yaml";
    public static final String TARGETS_ALT = "targets.yml";
    public static final String SILENCES = "silences.yaml";
    public static final String SILENCES_ALT = "silences.yml";
    private static final Set<String> NOT_RULES = Set.of(ROUTING, ROUTING_ALT, TARGETS, TARGETS_ALT, SILENCES, SILENCES_ALT);

    private DirectoryFiles() {
    }

    /** Whether a file of a rules directory holds rules (tests live in {@code tests/}, not among these files). */
    public static boolean isRuleFile(Path file) {
        String name = file.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !NOT_RULES.contains(name);
    }
}
