package io.alertstream.topology.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * A load-time bound on a filter's work per event. Input: a type-checked filter. Output: a problem when
 * comprehensions ({@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}) are nested
 * more than {@value #MAX_NESTING} deep in each other's loop bodies, since the work then grows as the list
 * size to that power; empty otherwise. A comprehension over another's result
 * ({@code l.filter(x, ...).all(y, ...)}) runs once, not per iteration, and does not count. CEL-Java has no
 * cost estimator; the runtime iteration budget ({@link RuleCompiler#MAX_COMPREHENSION_ITERATIONS}) still
 * bounds what this lets through.
 */
final class FilterCost {
    static final int MAX_NESTING = 2;

    private FilterCost() {
    }

    static List<RuleProblem> problems(CelAbstractSyntaxTree ast, SourcePosition position) {
        for (CelNavigableExpr node : (Iterable<CelNavigableExpr>) CelNavigableAst.fromAst(ast).getRoot().allNodes()::iterator) {
            if (node.expr().getKind() != CelExpr.ExprKind.Kind.COMPREHENSION) {
                continue;
            }
            int depth = loopDepth(node);
            if (depth > MAX_NESTING) {
                CelSourceLocation at = location(ast, node.expr().id());
                return List.of(position.problemWithin(Math.max(1, at.getLine()), Math.max(0, at.getColumn()),
                        "filter: comprehensions nested " + depth + " deep in each other's bodies (at most " + MAX_NESTING
                                + "): the work per event would grow as the list size to the power " + depth));
            }
        }
        return List.of();
    }

    /** 1 for a comprehension in no other's loop body, plus one per enclosing loop body. */
    private static int loopDepth(CelNavigableExpr comprehension) {
        int depth = 1;
        CelNavigableExpr child = comprehension;
        Optional<CelNavigableExpr> parent = child.parent();
        while (parent.isPresent()) {
            CelExpr p = parent.get().expr();
            if (p.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                long id = child.expr().id();
                if (p.comprehension().loopStep().id() == id || p.comprehension().loopCondition().id() == id) {
                    depth++;
                }
            }
            child = parent.get();
            parent = child.parent();
        }
        return depth;
    }

    private static CelSourceLocation location(CelAbstractSyntaxTree ast, long id) {
        Integer offset = ast.getSource().getPositionsMap().get(id);
        return offset == null ? CelSourceLocation.of(1, 0) : ast.getSource().getOffsetLocation(offset).orElse(CelSourceLocation.of(1, 0));
    }
}
