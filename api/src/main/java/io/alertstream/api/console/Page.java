package io.alertstream.api.console;

/**
 * What the layout of every signed-in page needs: its title, which navigation entry is current, who is signed in.
 *
 * @param nav one of {@code alerts}, {@code silences}, {@code rules}
 */
public record Page(String title, String nav, String user) {
}
