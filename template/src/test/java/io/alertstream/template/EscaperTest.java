package io.alertstream.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each output's escaper, checked on examples and, property-style, on random strings full of the output's
 * special characters: the escaped text never holds an unescaped special, and reads back as the input.
 */
class EscaperTest {
    private static final String SPECIALS = "&<>\"'\\|*_~`!@#:;/?=+% {}\n\r\t\u0000\u0001\u001f\u007f";
    private static final int RUNS = 5_000;

    @Test
    void shouldEscapeOnlyWhatEachOutputReads() {
        assertThat(Escaper.HTML.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
        assertThat(Escaper.SLACK_MRKDWN.escape("Memory <!channel> & \"co\" *bold*"))
                .isEqualTo("Memory &lt;!channel&gt; &amp; \"co\" *bold*");
        assertThat(Escaper.URL_COMPONENT.escape("cpu|web 1/é")).isEqualTo("cpu%7Cweb%201%2F%C3%A9");
        assertThat(Escaper.quoteLabelValue("say \"hi\" \\ \n")).isEqualTo("\"say \\\"hi\\\" \\\\ \\u000a\"");
        assertThat(Escaper.NONE.escape("<&>")).isEqualTo("<&>");
        for (Escaper escaper : Escaper.values()) {
            assertThat(escaper.escape(null)).isEmpty();
            assertThat(escaper.escape("plain-text_1.0")).isEqualTo("plain-text_1.0");
        }
    }

    @Test
    void htmlShouldNeverHoldAMarkupCharacterOrABareAmpersand() {
        forRandomStrings(s -> {
            String escaped = Escaper.HTML.escape(s);
            assertThat(escaped).doesNotContain("<", ">", "\"", "'");
            assertThat(escaped.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
            assertThat(escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&")).isEqualTo(s);
        });
    }

    @Test
    void slackShouldNeverHoldAnAngleBracketOrABareAmpersand() {
        forRandomStrings(s -> {
            String escaped = Escaper.SLACK_MRKDWN.escape(s);
            assertThat(escaped).doesNotContain("<", ">");
            assertThat(escaped.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
            assertThat(escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")).isEqualTo(s);
        });
    }

    @Test
    void urlComponentsShouldHoldOnlyUnreservedCharactersAndPercentEscapes() {
        forRandomStrings(s -> {
            String escaped = Escaper.URL_COMPONENT.escape(s);
            assertThat(escaped.replaceAll("%[0-9A-F]{2}", "")).matches("[A-Za-z0-9._*-]*");
            assertThat(URLDecoder.decode(escaped, StandardCharsets.UTF_8)).isEqualTo(s);
        });
    }

    @Test
    void labelValuesShouldNeverEndTheirQuotesEarlyOrHoldAControlCharacter() {
        forRandomStrings(s -> assertThat(readQuoted(Escaper.quoteLabelValue(s))).isEqualTo(s));
    }

    /** Reads a quoted label value back, failing on an unescaped quote before the end or a raw control character. */
    private static String readQuoted(String quoted) {
        assertThat(quoted).startsWith("\"").endsWith("\"").hasSizeGreaterThanOrEqualTo(2);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            assertThat(c).as("unescaped special in %s", quoted).isNotEqualTo('"').isGreaterThanOrEqualTo(' ');
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = quoted.charAt(++i);
            if (next == 'u') {
                out.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                assertThat(next).isIn('\\', '"');
                out.append(next);
            }
        }
        return out.toString();
    }

    private static void forRandomStrings(Consumer<String> property) {
        Random random = new Random(42);
        for (int run = 0; run < RUNS; run++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    s.append((char) ('a' + random.nextInt(26)));
                } else if (kind == 1) {
                    s.appendCodePoint(0x80 + random.nextInt(0x2000)); // beyond ASCII: é, ß, …
                } else {
                    s.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
                }
            }
            property.accept(s.toString());
        }
    }
}
