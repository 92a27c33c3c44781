package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.model.Alert;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link to an alert's events in Kibana Discover: its window's time range, a KQL query on its group, everything encoded. */
class EventsLinkTest {
    private static Alert alert(Map<String, Object> group, Alert.AlertWindow window) {
        return new Alert("1", "k", "errors", "FIRING", "critical", null, group, 3.0, 2.0, window, "2026-12-03T08:00:00Z",
                "2026-12-03T08:00:02Z", "s", Map.of(), List.of(), List.of());
    }

    private static final Alert.AlertWindow WINDOW = new Alert.AlertWindow("2026-12-03T08:00:00Z", "2026-12-03T08:00:02Z");

    @Test
    void shouldLinkToTheWindowsTimeRangeAndTheGroupValues() {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("service", "checkout");
        group.put("region", "eu-1");
        String url = new EventsLink("https://kibana.example.com/app/discover#/", "events-view").to(alert(group, WINDOW));

        assertThat(url).startsWith("https://kibana.example.com/app/discover#/?_g=").doesNotContain(" ").doesNotContain("'");
        String decoded = URLDecoder.decode(url.substring(url.indexOf('?') + 1), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("_g=(time:(from:'2026-12-03T08:00:00Z',to:'2026-12-03T08:00:02Z'))"
                + "&_a=(index:'events-view',query:(language:kuery,query:'region:\"eu-1\" and service:\"checkout\"'))");
    }

    @Test
    void shouldQuoteValuesSoAQuoteOrAnAmpersandCannotChangeTheQueryOrTheUrl() {
        String url = new EventsLink("https://kibana.example.com/app/discover#/", "").to(alert(Map.of("service", "a\" or x:'y'&z!"), WINDOW));

        assertThat(url).doesNotContain("&z").doesNotContain("\"");
        String a = URLDecoder.decode(url.substring(url.indexOf("&_a=") + 4), StandardCharsets.UTF_8);
        assertThat(a).isEqualTo("(query:(language:kuery,query:'service:\"a\\\" or x:!'y!'&z!!\"'))");
        assertThat(EventsLink.kqlField("a b:c")).isEqualTo("a\\ b\\:c");
    }

    @Test
    void shouldGiveNoLinkWhenUnsetOrWithoutAWindow() {
        assertThat(EventsLink.NONE.to(alert(Map.of("service", "x"), WINDOW))).isNull();
        assertThat(new EventsLink("https://k.example/app/discover#/", "").to(alert(Map.of("service", "x"), null))).isNull();
        assertThat(new EventsLink("https://k.example/app/discover", "").to(alert(Map.of(), WINDOW))).startsWith("https://k.example/app/discover#/?_g=");
    }
}
