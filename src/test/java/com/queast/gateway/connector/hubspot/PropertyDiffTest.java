package com.queast.gateway.connector.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PropertyDiffTest {

  @Test
  void onlyChangedPropertiesAreSentAndDroppedOnesAreCleared() {
    JsonObject before =
        new JsonObject()
            .put("name", "Acme")
            .put("city", "Lyon")
            .put("country", "FR")
            .put("queast_id", "c1");
    JsonObject now =
        new JsonObject().put("name", "Acme SA").put("city", "Lyon").put("queast_id", "c1");
    assertThat(PropertyDiff.changed(now, before))
        .isEqualTo(new JsonObject().put("name", "Acme SA").put("country", ""));
  }

  @Test
  void nothingChangedMeansNothingToSend() {
    JsonObject p = new JsonObject().put("name", "Acme").put("numberofemployees", "42");
    assertThat(PropertyDiff.changed(p.copy(), p)).isEmpty();
  }

  @Test
  void withoutAPreviousDeliveryEverythingIsSent() {
    JsonObject p = new JsonObject().put("name", "Acme");
    assertThat(PropertyDiff.changed(p, null)).isEqualTo(p);
  }
}
