package com.queast.gateway.connector.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.queast.gateway.mapping.ConnectorDefaults;
import com.queast.gateway.mapping.EffectiveMapping;
import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  private static final String QID = "a".repeat(40);
  private static final String SIZE = "b".repeat(40);

  private final JsonObject keys =
      new JsonObject().put(CustomFields.QUEAST_ID, QID).put("Company size", SIZE);

  @Test
  void flatEmailAndPhoneBecomeV2ArraysAndCustomTargetsGoByHash() {
    JsonObject props =
        new JsonObject()
            .put("name", "Ada Lovelace")
            .put("email", "ada@example.com")
            .put("phone", "+44 1")
            .put("custom:Company size", "10");
    JsonObject body = Payloads.contact(props, keys, "p1", 42L);
    assertThat(body.getJsonArray("emails").getJsonObject(0).getString("value"))
        .isEqualTo("ada@example.com");
    assertThat(body.getJsonArray("emails").getJsonObject(0).getBoolean("primary")).isTrue();
    assertThat(body.getJsonArray("phones").getJsonObject(0).getString("label")).isEqualTo("work");
    assertThat(body.getJsonObject("custom_fields").getString(QID)).isEqualTo("p1");
    assertThat(body.getJsonObject("custom_fields").getString(SIZE)).isEqualTo("10");
    assertThat(body.getLong("org_id")).isEqualTo(42L);
    assertThat(body.containsKey("email")).isFalse();
  }

  @Test
  void anUnresolvedCustomFieldIsNamed() {
    assertThatThrownBy(
            () -> Payloads.contact(new JsonObject().put("custom:Nope", 1), keys, "c1", null))
        .isInstanceOf(Payloads.UnknownFieldException.class)
        .hasMessageContaining("Nope");
  }

  @Test
  void defaultMappingGivesAV2OrganizationAndANoteWithItsMarker() {
    EffectiveMapping m = new EffectiveMapping(ConnectorDefaults.of("pipedrive"), 0);
    JsonObject company =
        new JsonObject()
            .put("name", "  Acme  ")
            .put("website", "https://acme.example")
            .put("country", "Germany")
            .put("employeeCount", 12);
    JsonObject org =
        Payloads.contact(m.map(RecordType.COMPANY, company).properties(), keys, "c1", null);
    assertThat(org.getString("name")).isEqualTo("Acme");
    assertThat(org.getJsonObject("address").getString("value")).isEqualTo("Germany");
    assertThat(org.getInteger("employee_count")).isEqualTo(12);
    assertThat(m.signalTarget()).isEqualTo("note");
    JsonObject signal = new JsonObject().put("title", "Hiring <fast>").put("summary", "10 roles");
    JsonObject note = Payloads.note(m.map(RecordType.SIGNAL, signal).properties(), "s1", 7L, null);
    assertThat(note.getString("content"))
        .contains("Hiring &lt;fast&gt;")
        .contains("Queast ref: s1");
    assertThat(note.getLong("org_id")).isEqualTo(7L);
    assertThat(note.containsKey("person_id")).isFalse();
  }

  @Test
  void aCompanysPhoneGoesToTheQueastPhoneCustomFieldAsOrganizationsHaveNoPhone() {
    EffectiveMapping m = new EffectiveMapping(ConnectorDefaults.of("pipedrive"), 0);
    String phoneKey = "c".repeat(40);
    JsonObject org =
        Payloads.contact(
            m.map(
                    RecordType.COMPANY,
                    new JsonObject().put("name", "Acme").put("phone", " +49 30 1 "))
                .properties(),
            keys.copy().put("Queast phone", phoneKey),
            "c1",
            null);
    assertThat(org.getJsonObject("custom_fields").getString(phoneKey)).isEqualTo("+49 30 1");
    assertThat(org.getJsonObject("custom_fields").getString(QID)).isEqualTo("c1");
    // Not the persons' phones array: v2 organizations refuse unknown top-level keys.
    assertThat(org.containsKey("phones")).isFalse();
    assertThat(org.containsKey("phone")).isFalse();
  }

  @Test
  void aCompanyWithoutPhoneGivesTheSameOrganizationBodyAsBefore() {
    EffectiveMapping m = new EffectiveMapping(ConnectorDefaults.of("pipedrive"), 0);
    JsonObject company =
        new JsonObject()
            .put("name", "Acme")
            .put("website", "https://acme.example")
            .put("linkedinUrl", "https://www.linkedin.com/company/acme")
            .put("city", "Berlin")
            .put("country", "Germany")
            .put("employeeCount", 12);
    // Without the phone's key: a company without phone never needs the new field resolved.
    JsonObject org =
        Payloads.contact(m.map(RecordType.COMPANY, company).properties(), keys, "c1", null);
    assertThat(org.fieldNames())
        .containsExactlyInAnyOrder(
            "name", "website", "linkedin", "address", "employee_count", "custom_fields");
    assertThat(org.getJsonObject("custom_fields").fieldNames()).containsExactly(QID);
    JsonObject blank =
        Payloads.contact(
            m.map(RecordType.COMPANY, company.copy().put("phone", "  ")).properties(),
            keys,
            "c1",
            null);
    assertThat(blank).isEqualTo(org);
  }

  @Test
  void aTenantOverrideOfTheCompanyPhoneWinsOverTheDefault() {
    var defaults = ConnectorDefaults.of("pipedrive");
    java.util.List<com.queast.gateway.common.FieldError> errors = new java.util.ArrayList<>();
    var moved =
        defaults.merge(
            new JsonObject()
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                .putNull("custom:Queast phone")
                                .put("custom:Phone", new JsonObject().put("from", "phone")))),
            errors);
    assertThat(errors).isEmpty();
    JsonObject props =
        new EffectiveMapping(moved, 1)
            .map(RecordType.COMPANY, new JsonObject().put("name", "Acme").put("phone", "+49 30 1"))
            .properties();
    assertThat(props.getString("custom:Phone")).isEqualTo("+49 30 1");
    assertThat(props.containsKey("custom:Queast phone")).isFalse();
    assertThat(PipedriveSetup.neededFields(ContactKind.ORGANIZATION, moved))
        .contains("Phone")
        .doesNotContain("Queast phone");
  }

  @Test
  void neededFieldsIncludeTheConnectorsOwnAndTheMappingsCustomTargets() {
    var spec = ConnectorDefaults.of("pipedrive");
    assertThat(PipedriveSetup.neededFields(ContactKind.ORGANIZATION, spec))
        .containsExactly(CustomFields.QUEAST_ID, CustomFields.INTEREST, "Queast phone");
    assertThat(PipedriveSetup.neededFields(ContactKind.PERSON, spec))
        .containsExactly(CustomFields.QUEAST_ID);
  }

  @org.junit.jupiter.api.Test
  void aSignalsMarkerDoesNotMatchAnotherSignalWhoseIdItPrefixes() {
    String body = "<p>Raised</p>\n<p>" + Payloads.marker("s401") + "</p>";
    org.assertj.core.api.Assertions.assertThat(Payloads.carries(body, Payloads.marker("s401")))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(Payloads.carries(body, Payloads.marker("s40")))
        .isFalse();
    org.assertj.core.api.Assertions.assertThat(Payloads.carries(null, Payloads.marker("s40")))
        .isFalse();
  }
}
