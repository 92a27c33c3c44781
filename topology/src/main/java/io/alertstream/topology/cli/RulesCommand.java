package io.alertstream.topology.cli;

import io.alertstream.topology.routing.RuleRoutes;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.runtime.RulesDirectory;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.testing.RuleTestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code alertstream rules validate|test|apply}: work on a directory of rule files. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Validate, test and publish rule files.",
        subcommands = {RulesCommand.Validate.class, RulesCommand.Test.class, ApplyCommand.class})
public final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check every rule file, the routing file and the targets and silences files in DIR; print each problem as file:line:column: message. Exit 1 on any problem.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "Directory of *.yaml rule files", defaultValue = "rules")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RulesDirectory set = RulesDirectory.load(dir);
            for (RuleProblem p : set.problems()) {
                err.println(p);
            }
            if (!set.ok()) {
                err.printf("%d problem(s) in %s%n", set.problems().size(), dir);
                return 1;
            }
            out.printf("OK: %d rules in %d files%s%n", set.rules().rules().size(), set.rules().files().size(),
                    set.routing().map(r -> ", routing " + r.file().getFileName()).orElse(""));
            // owners and recipients are routes too: show what each rule's become, beside the routing file's.
            for (CompiledRule rule : set.rules().rules()) {
                RuleRoutes.describe(rule.spec()).forEach(line -> out.println("  " + line));
            }
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the rule tests in DIR/tests (or DIR) through the real topology; show a diff on failure. Exit 1 on failure.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "A rules directory (its tests/ folder is used) or a folder of test files", defaultValue = "rules")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> tests = RuleTestRunner.findTests(dir);
            if (tests.isEmpty()) {
                spec.commandLine().getErr().println("no rule tests (*.yaml) in " + dir);
                return 1;
            }
            int failed = 0;
            for (Path test : tests) {
                RuleTestRunner.Outcome outcome = RuleTestRunner.run(test);
                out.printf("%s %s%n", outcome.passed() ? "PASS" : "FAIL", test);
                if (!outcome.passed()) {
                    failed++;
                    out.println(outcome.report());
                }
            }
            out.printf("%d passed, %d failed%n", tests.size() - failed, failed);
            return failed == 0 ? 0 : 1;
        }
    }
}
