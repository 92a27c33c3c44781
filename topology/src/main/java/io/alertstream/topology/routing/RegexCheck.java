package io.alertstream.topology.routing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a user's regular expression (a route's {@code match_re}) with RE2 semantics (re2j): matching
 * runs in time linear in the input whatever the pattern, so a label value taken from an event cannot
 * make a nested quantifier such as {@code (a+)+$} backtrack for minutes. RE2 has no backreferences or
 * lookaround; a pattern using them is a problem at load, as is one whose compiled program is larger
 * than {@value #MAX_PROGRAM_SIZE} instructions ({@code (a{1000}){1000}}), which would cost memory and
 * time per match.
 */
final class RegexCheck {
    /** The largest RE2 program (instructions) a pattern may compile to. */
    static final int MAX_PROGRAM_SIZE = 5_000;

    private RegexCheck() {
    }

    /**
     * The compiled pattern, or the problem and the 0-based index in the pattern it points at.
     *
     * @param pattern null when the pattern is rejected
     */
    record Result(Pattern pattern, String problem, int index) {
    }

    static Result compile(String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // re2j reports the offending piece (e.g. "\\1"), not its index: find it in the pattern.
            int index = e.getPattern() == null || e.getPattern().isEmpty() ? 0 : Math.max(0, regex.indexOf(e.getPattern()));
            String hint = "";
            if (regex.contains("(?=") || regex.contains("(?!") || regex.contains("(?<")) {
                hint = " (RE2 syntax: no lookahead or lookbehind)";
            } else if (e.getDescription().contains("escape") && regex.matches("(?s).*\\\\[1-9].*")) {
                hint = " (RE2 syntax: no backreferences)";
            }
            return new Result(null, "bad regular expression: " + e.getDescription() + " at '" + clip(e.getPattern()) + "'" + hint, index);
        } catch (RuntimeException e) {
            return new Result(null, "bad regular expression: " + e.getMessage(), 0);
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            return new Result(null, "regular expression too large: " + pattern.programSize() + " RE2 instructions, at most "
                    + MAX_PROGRAM_SIZE + " (large repeat counts such as {1000} multiply it)", 0);
        }
        return new Result(pattern, null, 0);
    }

    private static String clip(String s) {
        return io.alertstream.topology.sourcefile.YamlValues.clip(s == null ? "" : s);
    }
}
