package com.queast.gateway.sandbox.pipedrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadShapesTest {

  private static FieldDef field(String type) {
    return new FieldDef(
        "a".repeat(40),
        "f",
        type,
        List.of(
            new JsonObject().put("id", 13).put("label", "x"),
            new JsonObject().put("id", 14).put("label", "y")),
        true);
  }

  @Test
  void webhookCustomFieldsAreTypedObjects() {
    assertThat(CustomFields.typed(field("double"), 978))
        .isEqualTo(new JsonObject().put("type", "double").put("value", 978));
    assertThat(CustomFields.typed(field("enum"), 13L))
        .isEqualTo(new JsonObject().put("type", "enum").put("id", 13L));
    assertThat(CustomFields.typed(field("set"), new JsonArray().add(13).add(14)))
        .isEqualTo(
            new JsonObject()
                .put("type", "set")
                .put(
                    "values",
                    new JsonArray()
                        .add(new JsonObject().put("id", 13))
                        .add(new JsonObject().put("id", 14))));
    assertThat(
            CustomFields.typed(
                field("monetary"), new JsonObject().put("value", 200).put("currency", "EUR")))
        .isEqualTo(
            new JsonObject().put("type", "monetary").put("currency", "EUR").put("value", 200));
    assertThat(
            CustomFields.typed(
                field("daterange"),
                new JsonObject().put("value", "2023-06-06").put("until", "2023-06-14")))
        .isEqualTo(
            new JsonObject()
                .put("type", "daterange")
                .put("from", "2023-06-06")
                .put("until", "2023-06-14"));
    assertThat(CustomFields.typed(field("varchar"), null)).isNull();
  }

  @Test
  void onlySearchableTypesAreSearched() {
    assertThat(CustomFields.searchText(field("varchar"), "q-1")).isEqualTo("q-1");
    assertThat(CustomFields.searchText(field("double"), 12.0)).isEqualTo("12");
    assertThat(CustomFields.searchText(field("enum"), 13L)).isNull();
  }

  @Test
  void diffKeepsOnlyOldValuesOfChangedFields() {
    JsonObject before =
        new JsonObject()
            .put("name", "A")
            .put("owner_id", 1)
            .put("update_time", "t1")
            .put("custom_fields", new JsonObject());
    JsonObject after =
        new JsonObject()
            .put("name", "B")
            .put("owner_id", 1)
            .put("update_time", "t2")
            .put(
                "custom_fields",
                new JsonObject()
                    .put("h", new JsonObject().put("type", "varchar").put("value", "v")));
    JsonObject prev = ContactService.diff(before, after);
    assertThat(prev.getString("name")).isEqualTo("A");
    assertThat(prev.containsKey("owner_id")).isFalse();
    assertThat(prev.containsKey("update_time")).isFalse();
    assertThat(prev.getJsonObject("custom_fields").containsKey("h")).isTrue();
  }

  @Test
  void cursorsAreOpaqueBase64JsonAndPagesFollowThem() {
    List<JsonObject> rows =
        List.of(
            new JsonObject().put("id", 1L).put("add_time", "2026-01-02T00:00:00Z"),
            new JsonObject().put("id", 2L).put("add_time", "2026-01-01T00:00:00Z"),
            new JsonObject().put("id", 3L).put("add_time", "2026-01-03T00:00:00Z"));
    Paging.Page first = Paging.page(rows, "add_time", false, null, 2);
    assertThat(first.items()).extracting(r -> r.getLong("id")).containsExactly(2L, 1L);
    assertThat(Paging.decode(first.nextCursor()).getString("field")).isEqualTo("add_time");
    Paging.Page second = Paging.page(rows, "add_time", false, first.nextCursor(), 2);
    assertThat(second.items()).extracting(r -> r.getLong("id")).containsExactly(3L);
    assertThat(second.nextCursor()).isNull();
    assertThatThrownBy(() -> Paging.decode("%%%")).isInstanceOf(PdError.class);
  }

  @Test
  void strictTypingTellsIntegersFromStringsAndBooleansFromNumbers() {
    assertThat(V2Json.integer("x", 5)).isEqualTo(5L);
    assertThatThrownBy(() -> V2Json.integer("x", "5")).isInstanceOf(PdError.class);
    assertThatThrownBy(() -> V2Json.integer("x", 1.5)).isInstanceOf(PdError.class);
    assertThatThrownBy(() -> V2Json.bool("x", 1)).isInstanceOf(PdError.class);
    assertThat(((PdError) catchError(() -> V2Json.bool("done", 0))).status()).isEqualTo(400);
  }

  private static Throwable catchError(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
