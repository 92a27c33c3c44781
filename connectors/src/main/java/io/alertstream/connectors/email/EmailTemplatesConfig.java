package io.alertstream.connectors.email;

import io.alertstream.connectors.notification.NotificationVariables;
import io.alertstream.template.Template;
import io.alertstream.connectors.notification.TemplateValidator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The "Templates" group of the email sink: subject, plain-text and HTML bodies, each alert's entry in
 * them, and the per-alert link. Placeholders are listed in {@link NotificationVariables}; the body
 * templates also get {@code {{alerts}}}, the alert entries joined.
 */
public final class EmailTemplatesConfig {
    static final String GROUP = "Templates";

    public static final String SUBJECT_TEMPLATE_CONFIG = "email.subject.template";
    private static final String SUBJECT_TEMPLATE_DOC = "Subject line. Notification placeholders ({{id}}, "
            + "{{receiver}}, {{kind}}, {{groupKey}}, {{createdAt}}, {{alertCount}}, {{headline}}: 'firing critical: "
            + "<summary>', 'still firing warning: ...', 'resolved: ...' or 'digest: 3 active alarms', with '(+N more)' "
            + "for several alerts) and the first alert's fields ({{level}}, {{summary}}, ...).";
    public static final String SUBJECT_TEMPLATE_DEFAULT = "[alertstream] {{headline}}";

    public static final String TEXT_TEMPLATE_CONFIG = "email.text.template";
    private static final String TEXT_TEMPLATE_DOC = "Plain-text body; {{alerts}} is the list of "
            + "email.text.alert.template entries, separated by a blank line.";
    public static final String TEXT_TEMPLATE_DEFAULT = "Notification {{id}} for {{receiver}}: {{kind}}, "
            + "{{alertCount}} alert(s), group {{groupKey}}\n\n{{alerts}}";

    public static final String TEXT_ALERT_TEMPLATE_CONFIG = "email.text.alert.template";
    private static final String TEXT_ALERT_TEMPLATE_DOC = "One alert in the plain-text body: any alert field by "
            + "dotted path ({{level}}, {{summary}}, {{value}}, {{threshold}}, {{window.start}}, {{labels.team}}) "
            + "and {{link}}.";
    public static final String TEXT_ALERT_TEMPLATE_DEFAULT = "[{{level}}] {{summary}}\n"
            + "  status {{status}}, value {{value}}, threshold {{threshold}}\n"
            + "  window {{window.start}} .. {{window.end}}\n  {{link}}";

    public static final String HTML_TEMPLATE_CONFIG = "email.html.template";
    private static final String HTML_TEMPLATE_DOC = "HTML body; {{alerts}} is the list of email.html.alert.template "
            + "entries. Values are HTML-escaped. Empty: send plain text only.";
    public static final String HTML_TEMPLATE_DEFAULT = "<html><body><p>Notification {{id}} for <b>{{receiver}}</b>: "
            + "{{kind}}, {{alertCount}} alert(s), group {{groupKey}}</p><ul>{{alerts}}</ul></body></html>";

    public static final String HTML_ALERT_TEMPLATE_CONFIG = "email.html.alert.template";
    private static final String HTML_ALERT_TEMPLATE_DOC = "One alert in the HTML body (placeholders as in "
            + "email.text.alert.template, HTML-escaped).";
    public static final String HTML_ALERT_TEMPLATE_DEFAULT = "<li><b>{{level}}</b> {{summary}}<br>"
            + "status {{status}}, value {{value}}, threshold {{threshold}}<br>"
            + "window {{window.start}} .. {{window.end}}<br><a href=\"{{link}}\">{{link}}</a></li>";

    public static final String LINK_TEMPLATE_CONFIG = "link.template";
    static final String LINK_TEMPLATE_DOC = "Link rendered per alert as {{link}}, with URL-encoded alert fields, "
            + "e.g. https://kibana.example.com/app/discover#/?q={{alertKey}}. Empty: no link.";

    private EmailTemplatesConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        TemplateValidator valid = new TemplateValidator();
        def.define(SUBJECT_TEMPLATE_CONFIG, ConfigDef.Type.STRING, SUBJECT_TEMPLATE_DEFAULT, valid,
                        ConfigDef.Importance.MEDIUM, SUBJECT_TEMPLATE_DOC, GROUP, ++order, ConfigDef.Width.LONG, "Subject")
                .define(TEXT_TEMPLATE_CONFIG, ConfigDef.Type.STRING, TEXT_TEMPLATE_DEFAULT, valid,
                        ConfigDef.Importance.LOW, TEXT_TEMPLATE_DOC, GROUP, ++order, ConfigDef.Width.LONG, "Text body")
                .define(TEXT_ALERT_TEMPLATE_CONFIG, ConfigDef.Type.STRING, TEXT_ALERT_TEMPLATE_DEFAULT, valid,
                        ConfigDef.Importance.LOW, TEXT_ALERT_TEMPLATE_DOC, GROUP, ++order, ConfigDef.Width.LONG,
                        "Text alert entry")
                .define(HTML_TEMPLATE_CONFIG, ConfigDef.Type.STRING, HTML_TEMPLATE_DEFAULT, valid,
                        ConfigDef.Importance.LOW, HTML_TEMPLATE_DOC, GROUP, ++order, ConfigDef.Width.LONG, "HTML body")
                .define(HTML_ALERT_TEMPLATE_CONFIG, ConfigDef.Type.STRING, HTML_ALERT_TEMPLATE_DEFAULT, valid,
                        ConfigDef.Importance.LOW, HTML_ALERT_TEMPLATE_DOC, GROUP, ++order, ConfigDef.Width.LONG,
                        "HTML alert entry")
                .define(LINK_TEMPLATE_CONFIG, ConfigDef.Type.STRING, "", valid, ConfigDef.Importance.MEDIUM,
                        LINK_TEMPLATE_DOC, GROUP, ++order, ConfigDef.Width.LONG, "Link");
    }

    static EmailTemplates templates(AbstractConfig config) {
        return new EmailTemplates(
                Template.parse(config.getString(SUBJECT_TEMPLATE_CONFIG)),
                Template.parse(config.getString(TEXT_TEMPLATE_CONFIG)),
                Template.parse(config.getString(TEXT_ALERT_TEMPLATE_CONFIG)),
                Template.parse(config.getString(HTML_TEMPLATE_CONFIG)),
                Template.parse(config.getString(HTML_ALERT_TEMPLATE_CONFIG)),
                Template.parse(config.getString(LINK_TEMPLATE_CONFIG)),
                config.getString(HTML_TEMPLATE_CONFIG).isBlank());
    }
}
