package io.alertstream.topology.sourcefile;


/**
 * One thing wrong with a rule source, located for a human: {@code file:line:column: message}.
 * Lines and columns are 1-based, as editors show them.
 */
public record RuleProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
