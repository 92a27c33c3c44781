package io.alertstream.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The index template bodies per profile, read as Elasticsearch would. */
class IndexTemplateBodyTest {

    @Test
    void alertTemplateShouldTypeTheAlertFields() {
        ObjectNode body = IndexTemplateBody.build("alerts-*", TemplateProfile.ALERT, "at");
        JsonNode properties = body.at("/template/mappings/properties");
        assertThat(body.at("/index_patterns/0").asText()).isEqualTo("alerts-*");
        assertThat(properties.at("/status/type").asText()).isEqualTo("keyword");
        // group and labels keys are names such as http.route, never paths to split into objects.
        assertThat(properties.at("/group/subobjects").asText()).isEqualTo("false");
        assertThat(properties.at("/labels/subobjects").asText()).isEqualTo("false");
        assertThat(properties.at("/level/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/ruleId/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/alertKey/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/id/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/value/type").asText()).isEqualTo("double");
        assertThat(properties.at("/threshold/type").asText()).isEqualTo("double");
        assertThat(properties.at("/window/properties/start/type").asText()).isEqualTo("date");
        assertThat(properties.at("/window/properties/end/type").asText()).isEqualTo("date");
        assertThat(properties.at("/startsAt/type").asText()).isEqualTo("date");
        assertThat(properties.at("/at/type").asText()).isEqualTo("date");
        assertThat(properties.at("/summary/type").asText()).isEqualTo("text");
    }

    @Test
    void everyProfileShouldMapLabelsAndGroupAsKeywordAndTheEventTimeAsDate() {
        ObjectNode body = IndexTemplateBody.build("events-*", TemplateProfile.EVENT, "timestamp");
        JsonNode mappings = body.at("/template/mappings");
        assertThat(mappings.at("/properties/timestamp/type").asText()).isEqualTo("date");
        assertThat(mappings.at("/properties/status").isMissingNode()).isTrue();
        assertThat(mappings.at("/dynamic_templates/0/labels_as_keyword/path_match").asText()).isEqualTo("labels.*");
        assertThat(mappings.at("/dynamic_templates/1/group_as_keyword/mapping/type").asText()).isEqualTo("keyword");
    }

    @Test
    void everyKeywordFieldShouldIgnoreValuesAbove1024Characters() {
        for (TemplateProfile profile : TemplateProfile.values()) {
            ObjectNode body = IndexTemplateBody.build("x-*", profile, "timestamp");
            java.util.List<JsonNode> keywords = body.findParents("type").stream()
                    .filter(mapping -> "keyword".equals(mapping.get("type").asText())).toList();
            assertThat(keywords).as(profile + " has keyword fields").isNotEmpty();
            assertThat(keywords).as(profile.name()).allSatisfy(mapping ->
                    assertThat(mapping.path("ignore_above").asInt()).isEqualTo(1024));
        }
        ObjectNode alert = IndexTemplateBody.build("alerts-*", TemplateProfile.ALERT, "at");
        assertThat(alert.at("/template/mappings/properties/recipients/ignore_above").asInt()).isEqualTo(1024);
        assertThat(alert.at("/template/mappings/dynamic_templates/0/labels_as_keyword/mapping/ignore_above").asInt())
                .isEqualTo(1024);
    }

    @Test
    void templateNamesShouldBeValidAndStable() {
        assertThat(IndexTemplateBody.name("events-*")).isEqualTo("alertstream-events-_");
        assertThat(IndexTemplateBody.name("Alerts")).isEqualTo("alertstream-alerts");
    }
}
