package io.alertstream.topology.runtime;

import io.alertstream.topology.routing.RoutingFile;
import io.alertstream.topology.routing.RoutingReader;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.silence.SilencesFile;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.targets.TargetsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a rules directory holds, read and validated at once: the rule files and the optional
 * routing file beside them. What {@code rules validate}, {@code rules apply} and the hot-reload watcher
 * work on, so all three agree on what is valid.
 *
 * @param routing        the routing file's text as read (validated with the same text that gets published)
 * @param routingProblems problems of the routing file; empty when it is valid or absent
 * @param targets        the uptime targets file ({@link TargetsFile}), read, if the directory has one
 * @param silences       the silences file ({@link SilencesFile}), read, if the directory has one
 */
public record RulesDirectory(Path dir, RuleSetLoader.RuleSet rules, Optional<RoutingFile.Source> routing,
                             List<RuleProblem> routingProblems, Optional<TargetsFile.Result> targets,
                             Optional<SilencesFile.Result> silences) {

    /** Without a silences file. */
    public RulesDirectory(Path dir, RuleSetLoader.RuleSet rules, Optional<RoutingFile.Source> routing, List<RuleProblem> routingProblems,
                          Optional<TargetsFile.Result> targets) {
        this(dir, rules, routing, routingProblems, targets, Optional.empty());
    }

    /** Without a targets file. */
    public RulesDirectory(Path dir, RuleSetLoader.RuleSet rules, Optional<RoutingFile.Source> routing, List<RuleProblem> routingProblems) {
        this(dir, rules, routing, routingProblems, Optional.empty());
    }

    public static RulesDirectory load(Path dir) throws IOException {
        RuleSetLoader.RuleSet rules = RuleSetLoader.loadDirectory(dir);
        Optional<RoutingFile.Source> routing = RoutingFile.load(dir);
        List<RuleProblem> problems = routing.map(RoutingFile.Source::read).map(RoutingReader.Result::problems).orElse(List.of());
        return new RulesDirectory(dir, rules, routing, List.copyOf(problems), TargetsFile.load(dir, Instant.now().toString()),
                SilencesFile.load(dir));
    }

    /** Rule problems, then routing problems, then targets file problems, then silences file problems. */
    public List<RuleProblem> problems() {
        List<RuleProblem> all = new ArrayList<>(rules.problems());
        all.addAll(routingProblems);
        targets.ifPresent(t -> all.addAll(t.problems()));
        silences.ifPresent(t -> all.addAll(t.problems()));
        return all;
    }

    public boolean ok() {
        return rules.ok() && routingProblems.isEmpty() && targets.map(TargetsFile.Result::ok).orElse(true)
                && silences.map(SilencesFile.Result::ok).orElse(true);
    }
}
