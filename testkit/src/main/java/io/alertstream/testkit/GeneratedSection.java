package io.alertstream.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of a Markdown file that a generator owns, between {@code <!-- generated:NAME:start ... -->} and
 * {@code <!-- generated:NAME:end -->}: drift tests compare it with what the generator prints now.
 */
public final class GeneratedSection {
    private GeneratedSection() {
    }

    /** The section's text, stripped; fails naming the markers when the file has none. */
    public static String read(Path markdown, String name) throws IOException {
        String text = Files.readString(markdown);
        String startMarker = "<!-- generated:" + name + ":start";
        String endMarker = "<!-- generated:" + name + ":end -->";
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker);
        if (start < 0 || end < start) {
            throw new AssertionError(markdown + " has no section between '" + startMarker + " ... -->' and '" + endMarker + "'");
        }
        return text.substring(text.indexOf('\n', start) + 1, end).strip();
    }
}
