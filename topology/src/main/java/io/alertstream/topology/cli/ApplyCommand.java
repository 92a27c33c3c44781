package io.alertstream.topology.cli;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
import io.alertstream.topology.sourcefile.RuleProblem;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code alertstream rules apply DIR}: publish a valid rule set; rules gone from the files are deleted. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Publish the rules in DIR to the rules topic and DIR/routing.yaml to the routing topic. Refuses invalid files (file:line:column: message; the problems go to the rule-problems topic); removed rules are deleted with tombstones.")
public final class ApplyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", defaultValue = "rules", description = "Directory of rule files")
    Path dir;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers")
    String bootstrap;

    @Option(names = "--config", description = "Properties file with Kafka client settings (TLS, SASL) and alertstream.topic.rules")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RulesDirectory set = RulesDirectory.load(dir);
        Properties flags = new Properties();
        flags.put("bootstrap.servers", bootstrap);
        Properties props = AppConfig.load(config, System.getenv(), flags);
        try (RulePublisher publisher = RulePublisher.forConfig(props, AlertTopologyConfig.from(props))) {
            if (!set.ok()) {
                for (RuleProblem p : set.problems()) {
                    spec.commandLine().getErr().println(p);
                }
                // The problems are published (the API shows them); the rules and routing are not.
                publisher.publishProblems(set);
                spec.commandLine().getErr().printf("refused: %d problem(s); no rule was published%n", set.problems().size());
                return 1;
            }
            RulePublisher.Applied applied = publisher.apply(set);
            spec.commandLine().getOut().printf("applied %d rules: %d new or changed %s, %d deleted %s; routing %s%n",
                    set.rules().rules().size(), applied.upserted().size(), applied.upserted(), applied.deleted().size(),
                    applied.deleted(), applied.routing().name().toLowerCase(java.util.Locale.ROOT));
        }
        return 0;
    }
}
