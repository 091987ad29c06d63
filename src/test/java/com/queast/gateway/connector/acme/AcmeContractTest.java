package com.queast.gateway.connector.acme;

import com.queast.gateway.connector.CrmConnectorContract;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The test-only third CRM passes the connector contract against its stand-in. */
class AcmeContractTest extends CrmConnectorContract {

  private AcmeStandIn standIn;

  @Override
  protected String crm() {
    return AcmeConnector.CRM;
  }

  @Override
  protected void before(JsonObject options) {
    standIn = AcmeStandIn.start(vertx);
    options.put("apiUrl", standIn.baseUrl());
  }

  @Override
  protected void after() {
    standIn.stop();
  }

  @Override
  protected boolean deliversOnItsOwn() {
    return true;
  }

  @Override
  protected Map<String, String> authenticate(
      String body, String uri, Connection connection, JsonObject credentials) {
    String secret = fixture("options.json").getString("webhookSecret");
    return Map.of(AcmeWebhooks.SIGNATURE, AcmeWebhooks.sign(secret, body));
  }
}
