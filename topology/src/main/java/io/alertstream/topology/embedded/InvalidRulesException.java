package io.alertstream.topology.embedded;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules given to {@link Alertstream.Builder#start()} have problems; nothing was started. The message
 * lists every problem as {@code file:line:column: message}, one a line, as {@code alertstream rules validate} prints them.
 */
public final class InvalidRulesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<RuleProblem> problems;

    InvalidRulesException(List<RuleProblem> problems) {
        super(problems.size() + " problem(s) in the rules:\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
