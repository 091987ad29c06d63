package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** v2 objects as index contacts: a person's phones (primary first) and organization. */
class ContactsApiTest {

  @Test
  void aPersonsPrimaryPhoneComesFirstAndItsOrganizationIsKept() {
    JsonObject person =
        new JsonObject()
            .put("id", 8)
            .put("name", "Mira Okafor")
            .put("org_id", 1)
            .put(
                "phones",
                new JsonArray()
                    .add(new JsonObject().put("value", "+44 20 7946 0999").put("primary", false))
                    .add(new JsonObject().put("value", " ").put("primary", false))
                    .add(new JsonObject().put("value", "+44 20 7946 0018").put("primary", true)));
    PipedriveContact c = ContactsApi.contact(ContactKind.PERSON, person, null);
    assertThat(c.phones()).containsExactly("+44 20 7946 0018", "+44 20 7946 0999");
    assertThat(c.orgId()).isEqualTo("1");
  }

  @Test
  void searchResultsGivePhonesAsStringsAndOrganizationsHaveNone() {
    JsonObject hit =
        new JsonObject()
            .put("id", 9)
            .put("name", "Jane Doe")
            .put("phones", new JsonArray().add("+372 555555555"));
    assertThat(ContactsApi.contact(ContactKind.PERSON, hit, null).phones())
        .containsExactly("+372 555555555");
    JsonObject org =
        new JsonObject()
            .put("id", 1)
            .put("name", "Organization Name")
            .put("phones", new JsonArray().add("+1 312 555 0142"));
    assertThat(ContactsApi.contact(ContactKind.ORGANIZATION, org, null).phones()).isEmpty();
  }
}
