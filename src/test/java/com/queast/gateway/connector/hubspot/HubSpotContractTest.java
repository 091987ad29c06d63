package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.CrmConnectorContract;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** HubSpot passes the connector contract (delivery: HubSpotConnectionIT, HubSpotVolumeIT). */
class HubSpotContractTest extends CrmConnectorContract {

  @Override
  protected String crm() {
    return "hubspot";
  }

  @Override
  protected Map<String, String> authenticate(
      String body, String uri, Connection connection, JsonObject credentials) {
    String secret = fixture("options.json").getString("clientSecret");
    String ts = Long.toString(clock.millis());
    return Map.of(
        HubSpotSignatures.HEADER_TIMESTAMP,
        ts,
        HubSpotSignatures.HEADER_SIGNATURE_V3,
        HubSpotSignatures.v3(secret, "POST", uri, body, ts));
  }
}
