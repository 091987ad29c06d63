package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HubSpotMappingTest {

  private static final HubSpotMapping.Effective MAPPING =
      HubSpotMapping.wrap(
          new com.queast.gateway.mapping.EffectiveMapping(
              com.queast.gateway.mapping.ConnectorDefaults.of("hubspot"), 0));

  @Test
  void companiesGetABareDomainAndJoinedTags() {
    var m =
        MAPPING.map(
            RecordType.COMPANY,
            new JsonObject()
                .put("name", "  Acme  ")
                .put("domain", "https://www.Acme.example/about")
                .put("employeeCount", 12)
                .put("tags", new JsonArray().add("a").add("b")));
    assertThat(m.crmObject()).isEqualTo("companies");
    assertThat(m.properties().getString("name")).isEqualTo("Acme");
    assertThat(m.properties().getString("domain")).isEqualTo("acme.example");
    assertThat(m.properties().getString("numberofemployees")).isEqualTo("12");
    assertThat(m.properties().getString("queast_tags")).isEqualTo("a;b");
    assertThat(m.properties().containsKey("queast_id")).isFalse();
  }

  @Test
  void aCompanysPhoneGoesToTheBuiltInPhonePropertyTrimmed() {
    var m =
        MAPPING.map(
            RecordType.COMPANY,
            new JsonObject().put("name", "Acme").put("phone", "  +44 20 7946 0018 "));
    assertThat(m.properties().getString("phone")).isEqualTo("+44 20 7946 0018");
  }

  @Test
  void aCompanyWithoutPhoneMapsToTheSamePropertiesAsBeforePhoneWasMapped() {
    JsonObject company =
        new JsonObject()
            .put("id", "c1")
            .put("name", "Acme")
            .put("domain", "acme.example")
            .put("website", "https://acme.example")
            .put("city", "Lyon")
            .put("country", "France")
            .put("industry", "Software")
            .put("description", "Makes things")
            .put("employeeCount", 12)
            .put("linkedinUrl", "https://www.linkedin.com/company/acme")
            .put("tags", new JsonArray().add("a"));
    var m = MAPPING.map(RecordType.COMPANY, company);
    // Exactly the properties delivered before the phone rule existed: nothing new to write, so
    // no delivered company is written again because of the new default.
    assertThat(m.properties().fieldNames())
        .containsExactlyInAnyOrder(
            "name",
            "domain",
            "website",
            "city",
            "country",
            "industry",
            "description",
            "numberofemployees",
            "queast_linkedin_url",
            "queast_tags");
    assertThat(MAPPING.map(RecordType.COMPANY, company.copy().put("phone", "   ")).properties())
        .isEqualTo(m.properties());
  }

  @Test
  void aTenantOverrideOfPhoneStillWinsOverTheNewDefault() {
    var defaults = com.queast.gateway.mapping.ConnectorDefaults.of("hubspot");
    java.util.List<com.queast.gateway.common.FieldError> errors = new java.util.ArrayList<>();
    JsonObject company = new JsonObject().put("name", "Acme").put("phone", "+33 4 72 00 00 00");
    var removed =
        defaults.merge(
            new JsonObject()
                .put(
                    "company",
                    new JsonObject().put("properties", new JsonObject().putNull("phone"))),
            errors);
    var constant =
        defaults.merge(
            new JsonObject()
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                .put("phone", new JsonObject().put("value", "+1 800 000 0000")))),
            errors);
    assertThat(errors).isEmpty();
    assertThat(wrap(removed).map(RecordType.COMPANY, company).properties().containsKey("phone"))
        .isFalse();
    assertThat(wrap(constant).map(RecordType.COMPANY, company).properties().getString("phone"))
        .isEqualTo("+1 800 000 0000");
  }

  private static HubSpotMapping.Effective wrap(com.queast.gateway.mapping.MappingSpec spec) {
    return HubSpotMapping.wrap(new com.queast.gateway.mapping.EffectiveMapping(spec, 1));
  }

  @Test
  void signalsBecomeNotesWithAnEscapedBodyAndATimestamp() {
    var m =
        MAPPING.map(
            RecordType.SIGNAL,
            new JsonObject()
                .put("title", "Hiring <fast>")
                .put("occurredAt", "2026-11-01T10:00:00Z"));
    assertThat(m.crmObject()).isEqualTo("notes");
    assertThat(m.properties().getString("hs_note_body"))
        .isEqualTo("<p><strong>Hiring &lt;fast&gt;</strong></p>");
    assertThat(m.properties().getString("hs_timestamp")).isEqualTo("1793527200000");
  }
}
