package io.alertstream.topology.targets;

/** One invalid field of a target: its name as written ({@code expected_status.min}, {@code maintenance[1].end}) and what is wrong. */
public record FieldProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
