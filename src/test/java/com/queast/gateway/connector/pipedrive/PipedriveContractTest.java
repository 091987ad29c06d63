package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.CrmConnectorContract;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Pipedrive passes the connector contract (delivery: PipedriveDeliveryIT). */
class PipedriveContractTest extends CrmConnectorContract {

  @Override
  protected String crm() {
    return "pipedrive";
  }

  /** Pipedrive signs nothing: its webhooks carry per-connection Basic credentials. */
  @Override
  protected boolean signsTheBody() {
    return false;
  }

  @Override
  protected Map<String, String> authenticate(
      String body, String uri, Connection connection, JsonObject credentials) {
    String pair =
        credentials.getString("webhookUser") + ":" + credentials.getString("webhookPassword");
    return Map.of(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }
}
