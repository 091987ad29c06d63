package com.queast.gateway.connector.hubspot;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** What changed between the properties last delivered and the ones mapped now. Pure. */
public final class PropertyDiff {

  private PropertyDiff() {}

  /**
   * The properties to send for an update: those whose value changed, and those no longer mapped
   * (sent as an empty string, which clears them in HubSpot).
   *
   * @param now properties mapped now
   * @param delivered properties last delivered, or null (then everything is sent)
   * @return changed properties
   */
  public static JsonObject changed(JsonObject now, JsonObject delivered) {
    if (delivered == null) {
      return now.copy();
    }
    JsonObject out = new JsonObject();
    for (String k : now.fieldNames()) {
      if (!Objects.equals(str(now.getValue(k)), str(delivered.getValue(k)))) {
        out.put(k, now.getValue(k));
      }
    }
    for (String k : delivered.fieldNames()) {
      if (!now.containsKey(k) && !ObjectWriter.ID_PROPERTY.equals(k)) {
        out.put(k, "");
      }
    }
    return out;
  }

  private static String str(Object v) {
    return v == null ? null : String.valueOf(v);
  }
}
