package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubSpotPathsTest {

  @Test
  void datedVersionUsesTheDatedPaths() {
    HubSpotPaths p = new HubSpotPaths("2026-03");
    assertThat(p.batch("companies", "upsert"))
        .isEqualTo("/crm/objects/2026-03/companies/batch/upsert");
    assertThat(p.associationsBatchCreate("contacts", "companies"))
        .isEqualTo("/crm/associations/2026-03/contacts/companies/batch/create");
    assertThat(p.properties("contacts")).isEqualTo("/crm/properties/2026-03/contacts");
    assertThat(p.token()).isEqualTo("/oauth/2026-03/token");
    assertThat(p.webhookSubscriptions("7")).isEqualTo("/webhooks/2026-03/7/subscriptions");
    assertThat(p.schemas()).isEqualTo("/crm-object-schemas/2026-03/schemas");
    assertThat(p.schemaAssociations("2-7"))
        .isEqualTo("/crm-object-schemas/2026-03/schemas/2-7/associations");
  }

  @Test
  void legacyVersionUsesV3AndV4Paths() {
    HubSpotPaths p = new HubSpotPaths("v3");
    assertThat(p.batch("notes", "read")).isEqualTo("/crm/v3/objects/notes/batch/read");
    assertThat(p.associationsBatchCreate("notes", "contacts"))
        .isEqualTo("/crm/v4/associations/notes/contacts/batch/create");
    assertThat(p.propertyGroups("companies")).isEqualTo("/crm/v3/properties/companies/groups");
    assertThat(p.token()).isEqualTo("/oauth/v1/token");
    assertThat(p.introspect()).isEqualTo("/oauth/v1/access-tokens/");
    assertThat(p.schemas()).isEqualTo("/crm-object-schemas/v3/schemas");
  }
}
