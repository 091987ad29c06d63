package com.queast.gateway.connector;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;

/**
 * Binds a connector's {@code connectors.<crm>} configuration section (handed over as data) to the
 * connector's own options record, refusing unknown keys and wrong types with a message that names
 * the connector.
 */
public final class ConnectorOptions {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private ConnectorOptions() {}

  /**
   * Binds a section.
   *
   * @param crm connector id (for the message)
   * @param section the section, possibly empty
   * @param type the options record
   * @param <T> its type
   * @return the bound options
   * @throws IllegalArgumentException when a key is unknown or a value has the wrong type
   */
  public static <T> T bind(String crm, JsonObject section, Class<T> type) {
    try {
      return MAPPER.convertValue(section.getMap(), type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid configuration connectors." + crm + ": " + e.getMessage(), e);
    }
  }
}
