package com.queast.gateway.connector.acme;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tiny stand-in for the test CRM: {@code PUT /records/{type}/{queastId}} upserts (the same
 * Queast id always maps to the same CRM id) and answers {@code {"crmId"}}.
 */
final class AcmeStandIn {

  private final Map<String, JsonObject> records = new ConcurrentHashMap<>();
  private final Map<String, String> crmIds = new ConcurrentHashMap<>();
  private final Map<String, String> byCrmId = new ConcurrentHashMap<>();
  private final Map<String, String> interest = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(1000);
  private final HttpServer server;

  private AcmeStandIn(HttpServer server, Router router) {
    this.server = server;
    router
        .put("/records/:type/:id")
        .handler(
            ctx -> {
              String key = ctx.pathParam("type") + "/" + ctx.pathParam("id");
              String crmId = crmIds.computeIfAbsent(key, k -> Long.toString(ids.incrementAndGet()));
              records.put(key, ctx.body().asJsonObject());
              byCrmId.put(crmId, key);
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .endAndForget(new JsonObject().put("crmId", crmId).encode());
            });
  }

  /**
   * {@code GET /records/by-crm-id/{crmId}}: the record with its Queast id and interest flag.
   *
   * @param router the router
   */
  private void reads(Router router) {
    router
        .get("/records/by-crm-id/:crmId")
        .handler(
            ctx -> {
              String crmId = ctx.pathParam("crmId");
              String key = byCrmId.get(crmId);
              if (key == null) {
                ctx.response().setStatusCode(404).endAndForget();
                return;
              }
              JsonObject out =
                  records
                      .get(key)
                      .copy()
                      .put("crmId", crmId)
                      .put("type", key.substring(0, key.indexOf('/')))
                      .put("queastId", key.substring(key.indexOf('/') + 1))
                      .put("interest", interest.get(crmId));
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .endAndForget(out.encode());
            });
  }

  /**
   * What a CRM user does in the UI: sets the interest flag of a record.
   *
   * @param crmId the record
   * @param value the new value
   */
  void setInterest(String crmId, String value) {
    interest.put(crmId, value);
  }

  static AcmeStandIn start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    HttpServer server = vertx.createHttpServer();
    AcmeStandIn standIn = new AcmeStandIn(server, router);
    standIn.reads(router);
    server.requestHandler(router).listenAndAwait(0, "127.0.0.1");
    return standIn;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  Map<String, JsonObject> records() {
    return Map.copyOf(records);
  }

  String crmIdOf(String key) {
    return crmIds.get(key);
  }

  void stop() {
    server.closeAndAwait();
  }
}
