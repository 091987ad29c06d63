package com.queast.gateway.connector;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deployed connectors by CRM id. */
public final class ConnectorRegistry {

  private final Map<String, CrmConnector> byCrm = new LinkedHashMap<>();

  /**
   * A registry.
   *
   * @param connectors deployed connectors
   */
  public ConnectorRegistry(List<CrmConnector> connectors) {
    for (CrmConnector c : connectors) {
      if (byCrm.put(c.descriptor().crm(), c) != null) {
        throw new IllegalStateException("two connectors for " + c.descriptor().crm());
      }
    }
  }

  /**
   * The connector of a CRM id, or a 400 naming the field.
   *
   * @param crm CRM id from a request
   * @return the connector
   */
  public CrmConnector require(String crm) {
    CrmConnector c = byCrm.get(crm);
    if (c == null) {
      throw GatewayException.validation(
          "unknown crm",
          List.of(
              new FieldError(
                  "crm", "enum", "crm must be one of " + String.join(", ", byCrm.keySet()))));
    }
    return c;
  }

  /**
   * All connectors.
   *
   * @return in deployment order
   */
  public List<CrmConnector> all() {
    return List.copyOf(byCrm.values());
  }
}
