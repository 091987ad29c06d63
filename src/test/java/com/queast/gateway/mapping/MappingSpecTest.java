package com.queast.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.record.RecordType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingSpecTest {

  private final MappingSpec defaults = ConnectorDefaults.of("test");

  @Test
  void defaultsMapCompaniesWithTheirTransforms() {
    Mapped m =
        new EffectiveMapping(defaults, 0)
            .map(
                RecordType.COMPANY,
                new JsonObject()
                    .put("id", "c1")
                    .put("name", "  A company with a very long name indeed ")
                    .put("domain", "https://www.Acme.com/about?x=1")
                    .put("tags", new JsonArray().add("icp").add("eu"))
                    .put("employeeCount", 42));
    assertThat(m.crmObject()).isEqualTo("objects");
    assertThat(m.properties().getString("name")).isEqualTo("A company with a ver");
    assertThat(m.properties().getString("domain")).isEqualTo("acme.com");
    assertThat(m.properties().getString("tags")).isEqualTo("icp;eu");
    assertThat(m.properties().getInteger("size")).isEqualTo(42);
  }

  @Test
  void signalNotesAreEscapedTemplatesWithoutEmptyLines() {
    Mapped m =
        new EffectiveMapping(defaults, 0)
            .map(
                RecordType.SIGNAL,
                new JsonObject()
                    .put("title", "Raised <$10M> & hired")
                    .put("occurredAt", "2026-01-02T03:04:05Z"));
    assertThat(m.crmObject()).isEqualTo("notes");
    assertThat(m.properties().getString("body"))
        .isEqualTo("<p><strong>Raised &lt;$10M&gt; &amp; hired</strong></p>");
    assertThat(m.properties().getLong("at")).isEqualTo(1767323045000L);
  }

  @Test
  void anOverrideIsAMergePatchThatCanSwitchSignalsToTasksAndDropRules() {
    List<FieldError> errors = new ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject()
                .put("signal", new JsonObject().put("as", "task"))
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                .putNull("tags")
                                .put(
                                    "industry",
                                    new JsonObject()
                                        .put("from", "industry")
                                        .put("transform", new JsonArray().add("uppercase")))))
                .put("scope", new JsonObject().put("tags", new JsonArray().add("icp"))),
            errors);
    assertThat(errors).isEmpty();
    EffectiveMapping m = new EffectiveMapping(merged, 3);
    assertThat(m.signalTarget()).isEqualTo("task");
    Mapped task =
        m.map(
            RecordType.SIGNAL,
            new JsonObject().put("title", "T").put("occurredAt", "2026-01-02T03:04:05Z"));
    assertThat(task.crmObject()).isEqualTo("tasks");
    assertThat(task.properties())
        .isEqualTo(new JsonObject().put("subject", "T").put("due", "2026-01-02"));
    Mapped c =
        m.map(
            RecordType.COMPANY,
            new JsonObject()
                .put("name", "N")
                .put("industry", "saas")
                .put("tags", new JsonArray().add("x")));
    assertThat(c.properties().fieldNames()).containsExactlyInAnyOrder("name", "industry");
    assertThat(c.properties().getString("industry")).isEqualTo("SAAS");
    assertThat(
            m.inScope(RecordType.COMPANY, new JsonObject().put("tags", new JsonArray().add("icp"))))
        .isTrue();
    assertThat(
            m.inScope(
                RecordType.COMPANY, new JsonObject().put("tags", new JsonArray().add("other"))))
        .isFalse();
    assertThat(defaults.object(RecordType.COMPANY).properties()).containsKey("tags");
  }

  @Test
  void aBadOverrideNamesEveryFieldAndIsRejectedWhole() {
    List<FieldError> errors = new ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject()
                .put("signal", new JsonObject().put("as", "carrier-pigeon"))
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                .put("a", new JsonObject().put("from", "revenue"))
                                .put(
                                    "b",
                                    new JsonObject()
                                        .put("from", "name")
                                        .put(
                                            "transform",
                                            new JsonArray().add("truncate:x").add("rot13")))
                                .put("c", new JsonObject().put("template", "{{nope}}"))
                                .put("d", new JsonObject().put("from", "name").put("value", 1))))
                .put("extra", 1),
            errors);
    assertThat(merged).isNull();
    assertThat(errors.stream().map(FieldError::field))
        .contains(
            "signal.as",
            "company.properties.a.from",
            "company.properties.b.transform[0]",
            "company.properties.b.transform[1]",
            "company.properties.c.template",
            "company.properties.d",
            "extra");
  }

  @Test
  void aCompanysPhoneIsAFieldRulesMayReadAndATemplateMayUse() {
    List<FieldError> errors = new ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject()
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                .put(
                                    "tel",
                                    new JsonObject()
                                        .put("from", "phone")
                                        .put("transform", new JsonArray().add("trim")))
                                .put(
                                    "card",
                                    new JsonObject().put("template", "{{name}} {{phone}}")))),
            errors);
    assertThat(errors).isEmpty();
    JsonObject props =
        new EffectiveMapping(merged, 1)
            .map(
                RecordType.COMPANY,
                new JsonObject().put("name", "Acme").put("phone", " +44 20 7946 0018 "))
            .properties();
    assertThat(props.getString("tel")).isEqualTo("+44 20 7946 0018");
    assertThat(props.getString("card")).startsWith("Acme").contains("+44 20 7946 0018");
  }

  @Test
  void anOverrideRuleWithAnotherKindOfSourceReplacesTheDefaultRuleWhole() {
    List<FieldError> errors = new ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject()
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "properties",
                            new JsonObject()
                                // a constant over {from: name, transform: [trim, truncate:20]}
                                .put("name", new JsonObject().put("value", "  Fixed name  "))
                                // a template over {from: domain, transform: [domain]}
                                .put("domain", new JsonObject().put("template", "{{website}}"))
                                // same kind of source: merged, the default's transform stays
                                .put("tags", new JsonObject().put("from", "tags"))
                                // transforms only: merged into the default rule
                                .put(
                                    "size",
                                    new JsonObject()
                                        .put("transform", new JsonArray().add("string"))))),
            errors);
    assertThat(errors).isEmpty();
    JsonObject props = merged.toJson().getJsonObject("company").getJsonObject("properties");
    assertThat(props.getJsonObject("name"))
        .isEqualTo(new JsonObject().put("value", "  Fixed name  "));
    assertThat(props.getJsonObject("domain"))
        .isEqualTo(new JsonObject().put("template", "{{website}}"));
    assertThat(props.getJsonObject("tags").getJsonArray("transform"))
        .isEqualTo(new JsonArray().add("join:;"));
    assertThat(props.getJsonObject("size").getString("from")).isEqualTo("employeeCount");
    Mapped m =
        new EffectiveMapping(merged, 1)
            .map(
                RecordType.COMPANY,
                new JsonObject()
                    .put("name", "Acme")
                    .put("website", "https://acme.example")
                    .put("employeeCount", 7));
    assertThat(m.properties().getString("name")).isEqualTo("  Fixed name  ");
    assertThat(m.properties().getString("domain")).isEqualTo("https://acme.example");
    assertThat(m.properties().getString("size")).isEqualTo("7");
  }

  @Test
  void aMisspeltSectionKeyIsRejectedNotIgnored() {
    List<FieldError> errors = new ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject()
                .put(
                    "company",
                    new JsonObject()
                        .put(
                            "fields",
                            new JsonObject().put("name", new JsonObject().put("to", 123)))),
            errors);
    assertThat(merged).isNull();
    assertThat(errors).extracting(FieldError::field).containsExactly("company.fields");
    assertThat(errors.get(0).message()).contains("object, properties");
  }

  @Test
  void domainsAreBareHosts() {
    assertThat(Transforms.domain("HTTP://WWW.Example.co.uk:8080/path")).isEqualTo("example.co.uk");
    assertThat(Transforms.domain("acme.com.")).isEqualTo("acme.com");
    assertThat(Transforms.domain("https://user@host.io/x")).isEqualTo("host.io");
    assertThat(Transforms.apply("😀😀", List.of("truncate:3"))).isEqualTo("😀");
  }

  @Test
  void deletePoliciesDefaultToUnlinkAndAreSetPerSection() {
    assertThat(defaults.onDelete(RecordType.COMPANY)).isEqualTo("unlink");
    java.util.List<com.queast.gateway.common.FieldError> errors = new java.util.ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject()
                .put("company", new JsonObject().put("onDelete", "archive"))
                .put("signal", new JsonObject().put("onDelete", "clear")),
            errors);
    assertThat(errors).isEmpty();
    assertThat(merged.onDelete(RecordType.COMPANY)).isEqualTo("archive");
    assertThat(merged.onDelete(RecordType.PERSON)).isEqualTo("unlink");
    assertThat(merged.onDelete(RecordType.SIGNAL)).isEqualTo("clear");
  }

  @Test
  void aDeletePolicyThatDoesNotExistIsRefusedNamingIt() {
    java.util.List<com.queast.gateway.common.FieldError> errors = new java.util.ArrayList<>();
    MappingSpec merged =
        defaults.merge(
            new JsonObject().put("person", new JsonObject().put("onDelete", "shred")), errors);
    assertThat(merged).isNull();
    assertThat(errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("person.onDelete");
              assertThat(e.rule()).isEqualTo("enum");
              assertThat(e.message()).contains("shred").contains("unlink, archive, clear");
            });
  }
}
