package io.alertstream.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The escaping of each output alertstream writes values into, each in this one place. Input: any text.
 * Output: the text as the output format reads it literally, so that a value (an alert's summary, a label)
 * can never become markup, a mention, a link or a second field in that format.
 */
public enum Escaper {
    /** Plain text (email subject and text body, rule summaries): values as they are. */
    NONE {
        @Override
        public String escape(String text) {
            return text == null ? "" : text;
        }
    },
    /** HTML element content and attribute values (email HTML body): {@code & < > " '}. */
    HTML {
        @Override
        public String escape(String text) {
            return replaceEach(text, "&<>\"'", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;");
        }
    },
    /**
     * Slack mrkdwn text (and Mattermost/Rocket.Chat, which read the same): {@code & < >}, as Slack's
     * "escaping text" guide asks, so a value cannot open a link, a mention ({@code <!channel>}) or a
     * {@code <url|label>}.
     */
    SLACK_MRKDWN {
        @Override
        public String escape(String text) {
            return replaceEach(text, "&<>", "&amp;", "&lt;", "&gt;");
        }
    },
    /**
     * A URL component (a value pasted into a link template's path or query): UTF-8 percent-encoding, a space
     * as {@code %20} (not {@code +}, which only query strings read as a space).
     */
    URL_COMPONENT {
        @Override
        public String escape(String text) {
            return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    },
    /**
     * The inside of a double-quoted label value, Alertmanager-style {@code {service="checkout"}}: {@code \} and
     * {@code "} get a backslash, control characters are spelled {@code \}{@code u00XX}, so the printed label set
     * reads back unambiguously and never holds the {@code \0}/{@code \1} separators of the store keys it is
     * part of. Use {@link #quoteLabelValue} for the value with its quotes.
     */
    LABEL_VALUE {
        @Override
        public String escape(String text) {
            if (text == null) {
                return "";
            }
            StringBuilder out = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                String replacement = c == '\\' ? "\\\\" : c == '"' ? "\\\"" : c < 0x20 ? String.format("\\u%04x", (int) c) : null;
                if (replacement != null && out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                if (out != null) {
                    if (replacement != null) {
                        out.append(replacement);
                    } else {
                        out.append(c);
                    }
                }
            }
            return out == null ? text : out.toString();
        }
    };

    /** The text as the output reads it literally; {@code null} is the empty string. */
    public abstract String escape(String text);

    /** A label value in double quotes, escaped: {@code "eu-1"}, {@code "say \"hi\""}. */
    public static String quoteLabelValue(String value) {
        return '"' + LABEL_VALUE.escape(value) + '"';
    }

    /** Replaces each character of {@code specials} by its replacement; returns the text itself when it has none. */
    private static String replaceEach(String text, String specials, String... replacements) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int special = specials.indexOf(c);
            if (special >= 0 && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (special >= 0) {
                    out.append(replacements[special]);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
