package io.alertstream.topology.sourcefile;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Where a value stands in its source (1-based), so that problems found later, such as a CEL error
 * inside a filter, can still be reported as {@code file:line:column}.
 *
 * @param quoted whether the scalar is quoted on one line, which shifts its content by one column
 */
public record SourcePosition(String file, int line, int column, boolean quoted, boolean block) {

    public static SourcePosition of(String file, Node node) {
        boolean quoted = false;
        boolean block = false;
        if (node instanceof ScalarNode scalar) {
            DumperOptions.ScalarStyle style = scalar.getScalarStyle();
            quoted = style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED;
            block = style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED;
        }
        return new SourcePosition(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, quoted, block);
    }

    /** A problem at this position. */
    public RuleProblem problem(String message) {
        return new RuleProblem(file, line, column, message);
    }

    /**
     * A problem at a 1-based line and 0-based column inside this scalar's text. Exact for plain and
     * quoted one-line scalars; for block scalars the line is exact and the column is the content's.
     */
    public RuleProblem problemWithin(int innerLine, int innerColumn, String message) {
        if (block) {
            return new RuleProblem(file, line + innerLine, innerColumn + 1, message);
        }
        if (innerLine <= 1) {
            return new RuleProblem(file, line, column + (quoted ? 1 : 0) + innerColumn, message);
        }
        return new RuleProblem(file, line + innerLine - 1, innerColumn + 1, message);
    }
}
