package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToIntFunction;

/** An HTTP endpoint that records webhook deliveries and answers with a programmable status. */
final class WebhookReceiver implements AutoCloseable {

  /** One received delivery. */
  record Received(String authorization, JsonObject body) {
    JsonObject meta() {
      return body.getJsonObject("meta");
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  /** Status 0 means: never answer (to provoke the sender's timeout). */
  WebhookReceiver(Vertx vertx, ToIntFunction<JsonObject> status) {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .subscribe()
                        .with(
                            buf -> {
                              JsonObject body = new JsonObject(buf.toString());
                              received.add(new Received(req.getHeader("authorization"), body));
                              int s = status.applyAsInt(body);
                              if (s > 0) {
                                req.response().setStatusCode(s).endAndForget();
                              }
                            }))
            .listen(0, "127.0.0.1")
            .await()
            .atMost(Duration.ofSeconds(10));
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/hooks/pipedrive";
  }

  List<Integer> attempts() {
    return received.stream().map(r -> r.meta().getInteger("attempt")).toList();
  }

  @Override
  public void close() {
    server.close().await().atMost(Duration.ofSeconds(10));
  }
}
