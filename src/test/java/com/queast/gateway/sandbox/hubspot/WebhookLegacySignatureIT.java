package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.queast.gateway.connector.hubspot.HubSpotSignatures;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookLegacySignatureIT {

  @Test
  void legacyAppsCanBeSignedWithV2Only() {
    List<String[]> got = new CopyOnWriteArrayList<>();
    try (SandboxFixture fx =
        new SandboxFixture(
            b ->
                b.flag("webhook-legacy-signature", "v2")
                    .flag("webhook-sign-v3", "false")
                    .webhookBatchWindowMs(10))) {
      HttpServer target =
          fx.vertx
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.body()
                          .subscribe()
                          .with(
                              buf -> {
                                got.add(
                                    new String[] {
                                      req.getHeader("X-HubSpot-Signature"),
                                      req.getHeader("X-HubSpot-Signature-Version"),
                                      req.getHeader("X-HubSpot-Signature-v3"),
                                      buf.toString()
                                    });
                                req.response().setStatusCode(204).endAndForget();
                              }))
              .listen(0, "127.0.0.1")
              .await()
              .indefinitely();
      String url = "http://127.0.0.1:" + target.actualPort() + "/hook";
      String key = "?hapikey=sandbox-developer-api-key";
      fx.http.put("/webhooks/v3/1160452/settings" + key, new JsonObject().put("targetUrl", url));
      fx.http.post(
          "/webhooks/v3/1160452/subscriptions" + key,
          new JsonObject().put("eventType", "contact.creation").put("active", true));
      fx.portalClient()
          .post(
              "/crm/v3/objects/contacts",
              new JsonObject().put("properties", new JsonObject().put("email", "legacy@x.io")));
      await().atMost(Duration.ofSeconds(10)).until(() -> !got.isEmpty());
      String[] r = got.get(0);
      assertThat(r[1]).isEqualTo("v2");
      assertThat(r[2]).isNull();
      assertThat(r[0]).isEqualTo(HubSpotSignatures.v2("sandbox-client-secret", "POST", url, r[3]));
      target.close().await().indefinitely();
    }
  }
}
