package io.alertstream.topology.silence;

import io.alertstream.topology.routing.LabelMatcher;
import io.alertstream.topology.targets.FieldProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a silence's fields, the same for the API's bodies, {@code silences.yaml} and the engine reading the
 * topic: at least one matcher, every matcher valid (RE2), ISO-8601 times, {@code ends_at} after
 * {@code starts_at}, an end ({@code ends_at} or {@code until: resolved}), a creator, a short comment.
 * Output: the problems, each naming its field ({@code matchers[2]}); none when valid.
 */
public final class SilenceValidator {
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    public static final int MAX_MATCHERS = 32;
    public static final int MAX_COMMENT = 1024;

    private SilenceValidator() {
    }

    public static List<FieldProblem> validate(Silence s) {
        List<FieldProblem> out = new ArrayList<>();
        if (s.id() == null || !ID.matcher(s.id()).matches()) {
            out.add(new FieldProblem("id", "must be 1 to 64 letters, digits, '_' or '-'"));
        }
        if (s.matchers() == null || s.matchers().isEmpty()) {
            out.add(new FieldProblem("matchers", "needs at least one matcher such as service=checkout"));
        } else if (s.matchers().size() > MAX_MATCHERS) {
            out.add(new FieldProblem("matchers", "at most " + MAX_MATCHERS + " matchers"));
        } else {
            for (int i = 0; i < s.matchers().size(); i++) {
                LabelMatcher.Parsed p = LabelMatcher.parse(s.matchers().get(i));
                if (p.problem() != null) {
                    out.add(new FieldProblem("matchers[" + i + "]", p.problem()));
                }
            }
        }
        Instant start = instant(s.startsAt(), "starts_at", out);
        Instant end = instant(s.endsAt(), "ends_at", out);
        if (s.until() != null && !s.untilResolved()) {
            out.add(new FieldProblem("until", "must be 'resolved' (or left out, with an ends_at)"));
        }
        if (s.endsAt() == null && s.until() == null) {
            out.add(new FieldProblem("ends_at", "is required unless until: resolved"));
        }
        if (start != null && end != null && !end.isAfter(start) && s.endedBy() == null) {
            out.add(new FieldProblem("ends_at", "must be after starts_at"));
        }
        if (s.createdBy() == null || s.createdBy().isBlank() || s.createdBy().length() > 128) {
            out.add(new FieldProblem("created_by", "must name who made the silence (1 to 128 characters)"));
        }
        if (s.comment() != null && s.comment().length() > MAX_COMMENT) {
            out.add(new FieldProblem("comment", "at most " + MAX_COMMENT + " characters"));
        }
        if (s.notifyEmail() != null && !s.notifyEmail().matches("[^@\\s,]+@[^@\\s,]+")) {
            out.add(new FieldProblem("notify_email", "must be one email address"));
        }
        return out;
    }

    private static Instant instant(String text, String field, List<FieldProblem> out) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            out.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2026-12-24T02:00:00Z"));
            return null;
        }
    }
}
