package com.queast.gateway.connector.acme;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.WebhookBatch;
import com.queast.gateway.connector.WebhookConnections;
import com.queast.gateway.connector.WebhookEvent;
import com.queast.gateway.connector.WebhookRequest;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Acme's webhooks: {@code X-Acme-Signature} = hex HMAC-SHA256(secret, body); a body {@code
 * {"account", "events": [{"id", "object", "recordId", "action", "field", "value", "at", "by"}]}}.
 */
final class AcmeWebhooks implements WebhookSource {

  static final String SIGNATURE = "X-Acme-Signature";
  static final String INTEREST_FIELD = "interest";
  static final String GATEWAY_USER = "queast-gateway";

  private final String secret;

  AcmeWebhooks(String secret) {
    this.secret = secret;
  }

  static String sign(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String pathSegment() {
    return AcmeConnector.CRM;
  }

  @Override
  public Uni<WebhookBatch> receive(WebhookRequest request, WebhookConnections connections) {
    String given = request.header(SIGNATURE);
    if (given == null
        || !MessageDigest.isEqual(
            sign(secret, request.body()).getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8))) {
      throw new GatewayException("signature_invalid", 401, "the signature does not match");
    }
    JsonObject body = new JsonObject(request.body());
    String account = body.getString("account");
    JsonArray events = body.getJsonArray("events", new JsonArray());
    return connections
        .byAccounts(AcmeConnector.CRM, List.of(account))
        .map(
            byAccount -> {
              List<WebhookEvent> out = new ArrayList<>();
              int ignored = 0;
              for (Connection c : byAccount.getOrDefault(account, List.of())) {
                for (int i = 0; i < events.size(); i++) {
                  JsonObject e = events.getJsonObject(i);
                  String kind =
                      switch (e.getString("object", "")) {
                        case "company" -> "company";
                        case "contact" -> "person";
                        default -> null;
                      };
                  if (kind == null || echo(c, e)) {
                    ignored++;
                    continue;
                  }
                  out.add(
                      new WebhookEvent(
                          c,
                          "acme:" + e.getString("id"),
                          kind,
                          e.getString("recordId"),
                          "deleted".equals(e.getString("action")) ? "delete" : "change",
                          e.getString("field"),
                          e.getString("value"),
                          Instant.parse(e.getString("at")),
                          e));
                }
              }
              return new WebhookBatch(out, ignored);
            });
  }

  @Override
  public boolean echo(Connection connection, JsonObject payload) {
    return GATEWAY_USER.equals(payload.getString("by"))
        && !INTEREST_FIELD.equals(payload.getString("field"))
        && !"deleted".equals(payload.getString("action"));
  }

  @Override
  public boolean interestChanged(Connection connection, String propertyName, JsonObject payload) {
    return INTEREST_FIELD.equals(propertyName);
  }
}
