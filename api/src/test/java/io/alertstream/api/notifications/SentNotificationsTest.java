package io.alertstream.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a notification record per alert, and the bounded, deduplicated per-alert history with its flapping verdict. */
class SentNotificationsTest {
    private static final Alert ALERT = new Alert("t1", "k", "errors", "FIRING", "critical", null, Map.of(), 3.0, 2.0, null,
            "2026-12-03T08:00:00Z", "2026-12-03T08:00:00Z", "s", Map.of(), List.of("alice"), List.of());

    private static SentNotification sent(String id, int second, boolean flapping) {
        return new SentNotification(id, Instant.parse("2026-12-03T08:00:00Z").plusSeconds(second).toString(), "oncall", "email", "firing",
                List.of("a@example.com"), "FIRING", "critical", flapping);
    }

    @Test
    void shouldKeepTheNewestMaxOnceEachOldestFirst() {
        SentNotifications h = SentNotifications.empty();
        for (int i = SentNotifications.MAX + 5; i > 0; i--) {
            h = h.with(sent("n" + i, i, false), ALERT); // newest first: order of arrival must not matter
        }
        SentNotifications again = h.with(sent("n10", 10, false), ALERT);
        SentNotifications tooOld = h.with(sent("n0", 0, false), ALERT);

        assertThat(h.items()).hasSize(SentNotifications.MAX);
        assertThat(h.items().get(0).id()).isEqualTo("n6");
        assertThat(h.newest().id()).isEqualTo("n" + (SentNotifications.MAX + 5));
        assertThat(again).isSameAs(h);
        assertThat(tooOld).isSameAs(h);
    }

    @Test
    void shouldBeFlappingWhileTheNewestNotificationIsTheFlappingNotice() {
        SentNotifications h = SentNotifications.empty().with(sent("a", 1, false), ALERT);
        assertThat(h.flapping()).isFalse();
        h = h.with(sent("b", 2, true), ALERT.asFlapping());
        assertThat(h.flapping()).isTrue();
        assertThat(h.with(sent("late", 0, false), ALERT).flapping()).isTrue(); // an older one arriving late changes nothing
        assertThat(h.with(sent("c", 3, false), ALERT).flapping()).isFalse();
    }

    @Test
    void shouldReadEachNamedAlertWithItsRecipientsAndHideAWebhooksUrl() {
        String email = """
                {"id":"n1-email","receiver":"oncall","channel":"email","kind":"firing","email":{"to":["a@example.com"],"cc":["b@example.com"],"bcc":[]},
                 "groupKey":"{}","createdAt":"2026-12-03T08:00:05Z","alerts":[
                   {"id":"t1","alertKey":"k1","ruleId":"errors","status":"FIRING","level":"critical","owners":["alice"],"flapping":true},
                   {"id":"t2","alertKey":"k2","ruleId":"errors","status":"RESOLVED"}]}
                """;
        List<NotificationReader.Named> named = NotificationReader.read(email);

        assertThat(named).extracting(NotificationReader.Named::alertKey).containsExactly("k1", "k2");
        SentNotification first = named.get(0).sent();
        assertThat(first).isEqualTo(new SentNotification("n1-email", "2026-12-03T08:00:05Z", "oncall", "email", "firing",
                List.of("a@example.com", "b@example.com"), "FIRING", "critical", true));
        assertThat(named.get(0).alert().owners()).containsExactly("alice");
        assertThat(named.get(1).sent().flapping()).isFalse();

        String hook = """
                {"id":"n2-webhook-0","receiver":"chat","channel":"webhook","kind":"resolved","webhook":{"url":"https://hooks.example.com/T0/secret"},
                 "createdAt":"2026-12-03T08:00:05Z","alerts":[{"id":"t3","alertKey":"k1","status":"RESOLVED"}]}
                """;
        assertThat(NotificationReader.read(hook).get(0).sent().recipients()).containsExactly("hooks.example.com");
    }
}
