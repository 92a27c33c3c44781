package io.alertstream.topology.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.parser.Operator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the indexable terms of a compiled filter. Input: the checked AST of a filter over the
 * variable {@link RuleCompiler#EVENT_VAR}. Output: every top-level conjunct ({@code a && b && ...})
 * that compares a field of the event with literals, as {@link IndexTerm}s in source order; an empty
 * list when there is none.
 *
 * <p>Only conjuncts are safe: a filter that is true makes every conjunct true, so each of these
 * terms is a necessary condition. Anything under {@code ||}, {@code !}, a ternary or a macro is
 * not, and is left alone. Literals are null-free scalars (string, int, uint, double, bool); bytes,
 * null, durations and non-literal operands make a conjunct unindexable.
 */
final class FilterTerms {
    private static final String AND = Operator.LOGICAL_AND.getFunction();
    private static final String EQUALS = Operator.EQUALS.getFunction();
    private static final String IN = Operator.IN.getFunction();
    private static final String INDEX = Operator.INDEX.getFunction();

    private FilterTerms() {
    }

    static List<IndexTerm> of(CelAbstractSyntaxTree ast) {
        List<CelExpr> conjuncts = new ArrayList<>();
        flatten(ast.getExpr(), conjuncts);
        List<IndexTerm> terms = new ArrayList<>();
        for (CelExpr conjunct : conjuncts) {
            IndexTerm term = term(conjunct);
            if (term != null) {
                terms.add(term);
            }
        }
        return terms;
    }

    private static void flatten(CelExpr expr, List<CelExpr> out) {
        if (isCall(expr, AND)) {
            for (CelExpr arg : expr.call().args()) {
                flatten(arg, out);
            }
        } else {
            out.add(expr);
        }
    }

    private static IndexTerm term(CelExpr expr) {
        if (isCall(expr, EQUALS) && expr.call().args().size() == 2) {
            CelExpr left = expr.call().args().get(0);
            CelExpr right = expr.call().args().get(1);
            IndexTerm term = equality(left, right);
            return term != null ? term : equality(right, left);
        }
        if (isCall(expr, IN) && expr.call().args().size() == 2) {
            List<String> path = path(expr.call().args().get(0));
            CelExpr list = expr.call().args().get(1);
            if (path == null || list.getKind() != CelExpr.ExprKind.Kind.LIST || !list.list().optionalIndices().isEmpty()) {
                return null;
            }
            Set<Object> keys = new LinkedHashSet<>();
            for (CelExpr element : list.list().elements()) {
                Object key = literalKey(element);
                if (key == null) {
                    return null; // one element we cannot key could match anything
                }
                keys.add(key);
            }
            return new IndexTerm(path, new ArrayList<>(keys));
        }
        return null;
    }

    private static IndexTerm equality(CelExpr field, CelExpr literal) {
        List<String> path = path(field);
        Object key = literalKey(literal);
        return path == null || key == null ? null : new IndexTerm(path, List.of(key));
    }

    /** The field path of {@code event.a.b} or {@code event["a"].b}; null for anything else. */
    private static List<String> path(CelExpr expr) {
        List<String> reversed = new ArrayList<>();
        CelExpr current = expr;
        while (true) {
            switch (current.getKind()) {
                case SELECT -> {
                    if (current.select().testOnly()) {
                        return null; // has(event.a) is a presence test, not a value
                    }
                    reversed.add(current.select().field());
                    current = current.select().operand();
                }
                case CALL -> {
                    if (!isCall(current, INDEX) || current.call().target().isPresent() || current.call().args().size() != 2) {
                        return null;
                    }
                    CelExpr key = current.call().args().get(1);
                    if (key.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                            || key.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
                        return null; // event[0] or event[x]: not a fixed field name
                    }
                    reversed.add(key.constant().stringValue());
                    current = current.call().args().get(0);
                }
                case IDENT -> {
                    if (!current.ident().name().equals(RuleCompiler.EVENT_VAR) || reversed.isEmpty()) {
                        return null;
                    }
                    List<String> path = new ArrayList<>(reversed.size());
                    for (int i = reversed.size() - 1; i >= 0; i--) {
                        path.add(reversed.get(i));
                    }
                    return path;
                }
                default -> {
                    return null;
                }
            }
        }
    }

    /** The index key of a scalar literal; null for any other expression. */
    private static Object literalKey(CelExpr expr) {
        if (expr.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
            return null;
        }
        CelConstant constant = expr.constant();
        return switch (constant.getKind()) {
            case STRING_VALUE -> IndexKeys.of(constant.stringValue());
            case BOOLEAN_VALUE -> IndexKeys.of(constant.booleanValue());
            case INT64_VALUE -> IndexKeys.of(constant.int64Value());
            case UINT64_VALUE -> IndexKeys.of(constant.uint64Value());
            case DOUBLE_VALUE -> IndexKeys.of(constant.doubleValue());
            default -> null;
        };
    }

    private static boolean isCall(CelExpr expr, String function) {
        return expr.getKind() == CelExpr.ExprKind.Kind.CALL && expr.call().function().equals(function)
                && expr.call().target().isEmpty();
    }
}
