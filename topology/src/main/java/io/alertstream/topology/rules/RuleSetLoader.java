package io.alertstream.topology.rules;

import io.alertstream.topology.sourcefile.DirectoryFiles;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads every {@code *.yaml} / {@code *.yml} file directly in a directory (subdirectories such as
 * {@code tests/}, the routing file and the targets file are not rule files), compiles the rules and checks that ids are unique across files.
 * All problems are collected, so a user sees every mistake in one run.
 */
public final class RuleSetLoader {

    private RuleSetLoader() {
    }

    /** The rules that compiled, and every problem found; {@link #ok()} when there is none. */
    public record RuleSet(List<CompiledRule> rules, List<RuleProblem> problems, List<Path> files) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static RuleSet loadDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("rules directory " + dir + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(DirectoryFiles::isRuleFile)
                    .sorted()
                    .toList();
        }
        return loadFiles(files);
    }

    public static RuleSet loadFiles(List<Path> files) throws IOException {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            sources.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        RuleSet set = loadSources(sources);
        return new RuleSet(set.rules(), set.problems(), files);
    }

    /** Loads rule files given as name to content (rule tests hold rules inline). */
    public static RuleSet loadSources(Map<String, String> sources) {
        List<CompiledRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, SourcePosition> firstSeen = new HashMap<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            RuleSourceReader.Result read = RuleSourceReader.readFile(source.getKey(), source.getValue());
            problems.addAll(read.problems());
            for (ParsedRule parsed : read.rules()) {
                SourcePosition earlier = firstSeen.putIfAbsent(parsed.spec().id(), parsed.idPosition());
                if (earlier != null) {
                    problems.add(parsed.idPosition().problem("duplicate rule id '" + parsed.spec().id()
                            + "' (first defined at " + earlier.file() + ":" + earlier.line() + ")"));
                    continue;
                }
                RuleCompiler.Outcome outcome = RuleCompiler.compile(parsed);
                problems.addAll(outcome.problems());
                if (outcome.rule() != null) {
                    rules.add(outcome.rule());
                }
            }
        }
        return new RuleSet(rules, problems, List.of());
    }
}
