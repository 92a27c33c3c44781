package io.alertstream.connectors.elasticsearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Builds the composable index template ({@code PUT _index_template/<name>}) for one topic's indices.
 *
 * <p>Output: the template name and its JSON body. Only mapping features of the bare Elasticsearch
 * distribution are used (no custom analyzers: text fields use the standard analyzer). Dates accept
 * ISO-8601 and epoch milliseconds, like the sink's event-time parsing.
 */
public final class IndexTemplateBody {
    static final int PRIORITY = 200;
    static final int KEYWORD_IGNORE_ABOVE = 1024;
    private static final String DATE_FORMAT = "strict_date_optional_time||epoch_millis";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IndexTemplateBody() {
    }

    /** Stable template name derived from the index pattern, e.g. {@code alertstream-events-_}. */
    public static String name(String indexPattern) {
        return "alertstream-" + indexPattern.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_");
    }

    public static ObjectNode build(String indexPattern, TemplateProfile profile, String eventTimeField) {
        ObjectNode body = JSON.objectNode();
        body.putArray("index_patterns").add(indexPattern);
        body.put("priority", PRIORITY);
        body.putObject("_meta").put("managed_by", "alertstream-connectors").put("profile",
                profile.name().toLowerCase(Locale.ROOT));
        ObjectNode mappings = body.putObject("template").putObject("mappings");
        ArrayNode dynamic = mappings.putArray("dynamic_templates");
        dynamic.add(keywordsUnder("labels"));
        dynamic.add(keywordsUnder("group"));
        ObjectNode properties = mappings.putObject("properties");
        field(properties, eventTimeField, date());
        switch (profile) {
            case ALERT -> alertFields(properties);
            case COUNTER -> counterFields(properties);
            case EVENT, NONE -> {
            }
        }
        return body;
    }

    private static void alertFields(ObjectNode properties) {
        for (String keyword : new String[] {"id", "alertKey", "ruleId", "status", "level", "previousLevel",
                "owners", "recipients"}) {
            field(properties, keyword, keyword());
        }
        field(properties, "value", type("double"));
        field(properties, "threshold", type("double"));
        for (String date : new String[] {"window.start", "window.end", "startsAt", "at"}) {
            field(properties, date, date());
        }
        field(properties, "summary", type("text"));
        flatObject(properties, "group");
        flatObject(properties, "labels");
    }

    private static void counterFields(ObjectNode properties) {
        field(properties, "ruleId", keyword());
        field(properties, "groupKey", keyword());
        field(properties, "windowStart", date());
        field(properties, "windowEnd", date());
        field(properties, "value", type("double"));
        field(properties, "count", type("long"));
        flatObject(properties, "group");
    }

    /**
     * An object whose keys are names, not paths: a rule grouped by {@code http.route} gives
     * {@code "group": {"http.route": "/search"}}, which Elasticsearch would otherwise expand to an object
     * {@code group.http} and refuse next to a keyword {@code group.http} from another rule's group. Only for
     * alertstream's own records: in events, {@code group} is the user's field to shape.
     */
    private static void flatObject(ObjectNode properties, String name) {
        // A string: the Java client types subobjects as an enum ("true", "false", "auto"); the server reads either.
        properties.set(name, type("object").put("subobjects", "false"));
    }

    private static ObjectNode keywordsUnder(String parent) {
        ObjectNode template = JSON.objectNode();
        ObjectNode rule = template.putObject(parent + "_as_keyword");
        // Group values and labels are identifiers to filter and aggregate on, never full text.
        rule.put("path_match", parent + ".*");
        rule.set("mapping", keyword());
        return template;
    }

    /** Puts a (possibly dotted) field into a properties object, nesting object mappings as needed. */
    private static void field(ObjectNode properties, String dottedPath, ObjectNode mapping) {
        String[] steps = dottedPath.split("\\.");
        ObjectNode current = properties;
        for (int i = 0; i < steps.length - 1; i++) {
            ObjectNode parent = current.has(steps[i]) ? (ObjectNode) current.get(steps[i]) : current.putObject(steps[i]);
            current = parent.has("properties") ? (ObjectNode) parent.get("properties") : parent.putObject("properties");
        }
        current.set(steps[steps.length - 1], mapping);
    }

    /**
     * A keyword field that skips indexing values longer than {@value #KEYWORD_IGNORE_ABOVE} characters (they
     * stay in {@code _source}): without it one huge label or group value fails the document (Lucene's 32 KB
     * term limit) or bloats the terms dictionary.
     */
    private static ObjectNode keyword() {
        return type("keyword").put("ignore_above", KEYWORD_IGNORE_ABOVE);
    }

    private static ObjectNode type(String type) {
        return JSON.objectNode().put("type", type);
    }

    private static ObjectNode date() {
        return type("date").put("format", DATE_FORMAT);
    }
}
