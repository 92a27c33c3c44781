package io.alertstream.connectors.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.notification.ReceivedNotification;
import io.alertstream.connectors.notification.NotificationVariables;
import io.alertstream.template.Escaper;
import io.alertstream.template.Markup;
import io.alertstream.template.Template;
import java.util.Map;

/**
 * The parsed templates of the email sink, and the rendering of one notification into subject, plain-text
 * body and HTML body. Several alerts render as one message listing each alert's entry.
 *
 * <p>Values are inserted as they are in the subject and text body, HTML-escaped in the HTML body, and
 * URL-encoded inside links.
 */
public record EmailTemplates(Template subject, Template text, Template textAlert,
                             Template html, Template htmlAlert, Template link,
                             boolean textOnly) {

    /** What a notification renders to; {@code html} is null when {@code email.html.template} is empty. */
    public record Content(String subject, String text, String html) {
    }

    public Content render(ReceivedNotification notification) {
        StringBuilder textAlerts = new StringBuilder();
        StringBuilder htmlAlerts = new StringBuilder();
        for (ObjectNode alert : notification.alerts()) {
            // Connect trims config strings, so a template cannot end with its own separator: add it here.
            if (textAlerts.length() > 0) {
                textAlerts.append("\n\n");
            }
            textAlerts.append(textAlert.render(NotificationVariables.forAlert(alert, link), Escaper.NONE));
            if (!textOnly) {
                htmlAlerts.append(htmlAlert.render(NotificationVariables.forAlert(alert, link), Escaper.HTML));
            }
        }
        // Header folding would turn a multi-line subject into several headers: keep it on one line.
        String subjectLine = subject.render(NotificationVariables.forNotification(notification, Map.of()), Escaper.NONE)
                .replaceAll("[\\r\\n]+", " ").trim();
        String textBody = text.render(NotificationVariables.forNotification(notification,
                Map.of("alerts", new Markup(textAlerts.toString()))), Escaper.NONE);
        String htmlBody = textOnly ? null : html.render(NotificationVariables.forNotification(notification,
                Map.of("alerts", new Markup(htmlAlerts.toString()))), Escaper.HTML);
        return new Content(subjectLine, textBody, htmlBody);
    }
}
