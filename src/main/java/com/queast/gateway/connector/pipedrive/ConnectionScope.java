package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.mapping.EffectiveMapping;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;

/**
 * What the delivery of one batch needs about one connection.
 *
 * @param connection the connection
 * @param session paced calls for it
 * @param mapping its effective mapping
 * @param fields resolved custom-field keys: {@code {"organization": {name: hash}, "person": ...}}
 */
public record ConnectionScope(
    Connection connection, PipedriveSession session, EffectiveMapping mapping, JsonObject fields) {

  /**
   * The field keys of a kind.
   *
   * @param kind organization or person
   * @return name → hash (empty when unresolved)
   */
  public JsonObject fieldKeys(ContactKind kind) {
    JsonObject f = fields.getJsonObject(kind.configKey());
    return f == null ? new JsonObject() : f;
  }
}
