package io.alertstream.topology.rules;

import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import io.alertstream.topology.sourcefile.YamlValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns parsed rules into {@link CompiledRule}s. The filter is type-checked against
 * {@code event: map(string, dyn)} and must yield a bool; numbers of different kinds compare
 * naturally ({@code event.latency > 0.5} works whether latency is 1 or 1.5).
 */
public final class RuleCompiler {
    /** The name filters use for the event ({@code event.service == "api"}); the activation's only key. */
    public static final String EVENT_VAR = "event";
    /**
     * The most comprehension iterations ({@code all}, {@code exists}, {@code map}, {@code filter}, nested
     * ones multiplied) one evaluation of a filter may run. A filter that needs more is stopped and counts
     * as an evaluation error for that event ({@link CompiledRule.Match#ERROR}), so a filter such as
     * {@code event.items.map(x, event.items.map(y, ...))} on a large list cannot stall a stream thread.
     */
    public static final int MAX_COMPREHENSION_ITERATIONS = 10_000;
    /** The largest RE2 program a filter's {@code matches()} may compile to (CEL uses RE2: linear time). */
    public static final int MAX_REGEX_PROGRAM_SIZE = 1_000;
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
            .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar(EVENT_VAR, MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .build();

    private RuleCompiler() {
    }

    /** Parses and type-checks a filter (about as costly as the rest of loading a rule: done once per rule). */
    static CelValidationResult check(String filter) {
        return COMPILER.compile(filter);
    }

    /** A compiled rule, or the problems that stopped it. */
    public record Outcome(CompiledRule rule, List<RuleProblem> problems) {
    }

    /**
     * Type-checks a filter alone, so the reader can report its errors with every other problem of the rule;
     * a filter that type-checks is also held to {@link FilterCost}'s nesting bound.
     */
    static List<RuleProblem> filterProblems(CelValidationResult result, SourcePosition position) {
        List<RuleProblem> problems = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
            int line = Math.max(1, issue.getSourceLocation().getLine());
            int column = Math.max(0, issue.getSourceLocation().getColumn());
            problems.add(position.problemWithin(line, column, "filter: " + issue.getMessage()));
        }
        if (!result.hasError()) {
            try {
                problems.addAll(FilterCost.problems(result.getAst(), position));
            } catch (dev.cel.common.CelValidationException e) {
                // cannot happen without errors; the compiler reports it again
            }
        }
        return problems;
    }

    /** Compiles a parsed rule. Never throws: a failure of the compiler itself is a problem at the rule's id. */
    public static Outcome compile(ParsedRule parsed) {
        try {
            return compileUnguarded(parsed);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(null, List.of(parsed.idPosition().problem(
                    "cannot compile: " + e.getClass().getSimpleName() + ": " + YamlValues.clip(String.valueOf(e.getMessage())))));
        }
    }

    private static Outcome compileUnguarded(ParsedRule parsed) {
        RuleSpec spec = parsed.spec();
        List<RuleProblem> problems = new ArrayList<>();
        CelRuntime.Program program = null;
        List<IndexTerm> indexTerms = List.of();
        dev.cel.common.CelAbstractSyntaxTree ast = null;
        if (spec.filter() != null) {
            CelValidationResult result = parsed.filterCheck() != null ? parsed.filterCheck() : check(spec.filter());
            if (result.hasError()) {
                for (CelIssue issue : result.getErrors()) {
                    int line = Math.max(1, issue.getSourceLocation().getLine());
                    int column = Math.max(0, issue.getSourceLocation().getColumn());
                    problems.add(parsed.filterPosition().problemWithin(line, column, "filter: " + issue.getMessage()));
                }
            } else {
                try {
                    program = RUNTIME.createProgram(result.getAst());
                    ast = result.getAst();
                    indexTerms = FilterTerms.of(ast); // once per rule, for the catalog's index
                } catch (CelEvaluationException | dev.cel.common.CelValidationException e) {
                    problems.add(parsed.filterPosition().problem("filter: " + e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        return new Outcome(new CompiledRule(spec, RuleJson.write(spec), program, indexTerms,
                FieldsRead.ofRule(ast, spec)), problems);
    }
}
