package io.alertstream.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one placeholder syntax: names, whitespace, literals, errors with positions, escaping per output, binding. */
class TemplateTest {

    // The first three tests were PlaceholderTemplateTest (connectors), unchanged but for the class name.
    @Test
    void shouldReplaceEveryPlaceholderIncludingDottedNamesAndSpaces() {
        Template template = Template.parse("{{a}}-{{ window.start }}-{{a}}!");
        Map<String, String> values = Map.of("a", "x", "window.start", "w");

        assertThat(template.render(values::get)).isEqualTo("x-w-x!");
        assertThat(template.names()).containsExactly("a", "window.start", "a");
    }

    @Test
    void shouldRenderUnknownNamesAsEmptyAndKeepTextWithoutPlaceholders() {
        assertThat(Template.parse("v={{missing}};").render(name -> null)).isEqualTo("v=;");
        assertThat(Template.parse("plain {text}").render(name -> "x")).isEqualTo("plain {text}");
        assertThat(Template.parse("").render(name -> "x")).isEmpty();
    }

    @Test
    void shouldRejectAnUnclosedPlaceholderWithItsPosition() {
        assertThatThrownBy(() -> Template.parse("ok {{a}} then {{broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("character 14");
        assertThatThrownBy(() -> Template.parse("{{has space}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAcceptWhitespaceOfAnyKindInsideTheBracesAndNamesWithDashesAndUnderscores() {
        Template template = Template.parse("{{\tgroup.http-status\n}}/{{ rule_id}}");
        assertThat(template.names()).containsExactly("group.http-status", "rule_id");
        assertThat(template.render(name -> "<" + name + ">")).isEqualTo("<group.http-status>/<rule_id>");
    }

    @Test
    void shouldTreatSingleBracesALoneClosingPairAndABraceBeforeAPlaceholderAsText() {
        assertThat(Template.parse("{a} }} {{{v}}} {{v}}}").render(name -> "1")).isEqualTo("{a} }} {1} 1}");
        assertThat(Template.parse("{{{v}}}").names()).containsExactly("v");
    }

    @Test
    void shouldNameThePositionOfEveryKindOfMalformedPlaceholder() {
        assertThat(position("{{}}")).isEqualTo(0);
        assertThat(position("ab {{ }}")).isEqualTo(3);
        assertThat(position("{{a b}}")).isEqualTo(0);
        assertThat(position("x {{a}")).isEqualTo(2);
        assertThat(position("{{a}} {{")).isEqualTo(6);
        assertThat(position("x{{{{a}}")).isEqualTo(1);
        assertThat(position("{{ä}}")).isEqualTo(0);
        assertThatThrownBy(() -> Template.parse("{{oops"))
                .hasMessage("malformed placeholder at character 0: expected {{name}} with letters, digits, '_', '-' or '.'");
    }

    @Test
    void shouldParseExactlyAsTheRegularExpressionItReplacesOnRandomTexts() {
        // The grammar of the connectors' former regex engine, as its reference: placeholders where the regex
        // finds them, and an error at the first "{{" left in a literal part.
        Pattern placeholder = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
        Random random = new Random(20);
        String[] pieces = {"{", "}", "{{", "}}", " ", "\t", "a", "b.c", "-", "x y", "ä", "\n"};
        for (int run = 0; run < 20_000; run++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            Object expected = reference(placeholder, t);
            Object actual;
            try {
                Template template = Template.parse(t);
                actual = List.of(template.literals(), template.names());
            } catch (TemplateSyntaxException e) {
                actual = e.position();
            }
            assertThat(actual).as("template %s", t.replace("\n", "\\n").replace("\t", "\\t")).isEqualTo(expected);
        }
    }

    private static Object reference(Pattern placeholder, String text) {
        List<String> literals = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        Matcher m = placeholder.matcher(text);
        int last = 0;
        while (m.find()) {
            String literal = text.substring(last, m.start());
            if (literal.contains("{{")) {
                return last + literal.indexOf("{{");
            }
            literals.add(literal);
            names.add(m.group(1));
            last = m.end();
        }
        String literal = text.substring(last);
        if (literal.contains("{{")) {
            return last + literal.indexOf("{{");
        }
        literals.add(literal);
        return List.of(literals, names);
    }

    @Test
    void shouldEscapeValuesForTheOutputButNotMarkupOrTheTemplatesOwnText() {
        Template template = Template.parse("<b>{{summary}}</b><ul>{{alerts}}</ul>");
        Map<String, Object> values = Map.of("summary", "a < b & \"c\"", "alerts", new Markup("<li>x</li>"));

        assertThat(template.render(values::get, Escaper.HTML))
                .isEqualTo("<b>a &lt; b &amp; &quot;c&quot;</b><ul><li>x</li></ul>");
        assertThat(template.render(values::get)).isEqualTo("<b>a < b & \"c\"</b><ul><li>x</li></ul>");
    }

    @Test
    void shouldResolveEachPlaceholderOnceWhenBound() {
        Map<String, Integer> resolved = new HashMap<>();
        Template.Bound<String> bound = Template.parse("{{a}}+{{b}}={{a}}").bind(name -> {
            resolved.merge(name, 1, Integer::sum);
            return name.toUpperCase();
        });

        assertThat(bound.render(slot -> slot.equals("A") ? 1 : null)).isEqualTo("1+=1");
        assertThat(bound.render(slot -> slot + "&", Escaper.SLACK_MRKDWN)).isEqualTo("A&amp;+B&amp;=A&amp;");
        assertThat(resolved).isEqualTo(Map.of("a", 2, "b", 1));
        assertThat(Template.parse(null).bind(name -> name).render(slot -> "x")).isEmpty();
    }

    @Test
    void shouldKeepALiteralTemplateAsWritten() {
        Template literal = Template.literal("{{value}} {{oops");
        assertThat(literal.names()).isEmpty();
        assertThat(literal.render(name -> "x", Escaper.HTML)).isEqualTo("{{value}} {{oops");
        assertThat(Template.literal(null).render(name -> "x")).isEmpty();
    }

    private static int position(String text) {
        try {
            Template.parse(text);
        } catch (TemplateSyntaxException e) {
            return e.position();
        }
        throw new AssertionError("no error for " + text);
    }
}
