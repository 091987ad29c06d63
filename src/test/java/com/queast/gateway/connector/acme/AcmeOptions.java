package com.queast.gateway.connector.acme;

import com.queast.gateway.connector.ConnectorOptions;
import io.vertx.core.json.JsonObject;

/**
 * The test CRM's options ({@code connectors.acme}).
 *
 * @param apiUrl base URL of its stand-in
 * @param webhookSecret the key its webhooks are signed with
 */
public record AcmeOptions(String apiUrl, String webhookSecret) {

  static AcmeOptions from(JsonObject section) {
    return ConnectorOptions.bind("acme", section, AcmeOptions.class);
  }
}
