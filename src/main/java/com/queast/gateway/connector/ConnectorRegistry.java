package com.queast.gateway.connector;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * The webhook sources of the registered connectors, in registration order.
   *
   * @return the sources
   */
  public List<WebhookSource> webhookSources() {
    return byCrm.values().stream().flatMap(c -> c.webhooks().stream()).toList();
  }

  /**
   * The webhook source of one CRM.
   *
   * @param crm connector id
   * @return its source, or empty when the CRM is unknown or has no webhooks
   */
  public Optional<WebhookSource> webhooks(String crm) {
    CrmConnector c = byCrm.get(crm);
    return c == null ? Optional.empty() : c.webhooks();
  }
}
