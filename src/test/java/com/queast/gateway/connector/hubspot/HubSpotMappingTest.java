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
