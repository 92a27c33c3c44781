package io.alertstream.connectors.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholderTemplateTest {

    @Test
    void shouldReplaceEveryPlaceholderIncludingDottedNamesAndSpaces() {
        PlaceholderTemplate template = PlaceholderTemplate.parse("{{a}}-{{ window.start }}-{{a}}!");
        Map<String, String> values = Map.of("a", "x", "window.start", "w");

        assertThat(template.render(values::get)).isEqualTo("x-w-x!");
        assertThat(template.names()).containsExactly("a", "window.start", "a");
    }

    @Test
    void shouldRenderUnknownNamesAsEmptyAndKeepTextWithoutPlaceholders() {
        assertThat(PlaceholderTemplate.parse("v={{missing}};").render(name -> null)).isEqualTo("v=;");
        assertThat(PlaceholderTemplate.parse("plain {text}").render(name -> "x")).isEqualTo("plain {text}");
        assertThat(PlaceholderTemplate.parse("").render(name -> "x")).isEmpty();
    }

    @Test
    void shouldRejectAnUnclosedPlaceholderWithItsPosition() {
        assertThatThrownBy(() -> PlaceholderTemplate.parse("ok {{a}} then {{broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("character 14");
        assertThatThrownBy(() -> PlaceholderTemplate.parse("{{has space}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
