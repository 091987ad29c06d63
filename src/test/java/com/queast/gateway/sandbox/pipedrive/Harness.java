package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.support.MutableClock;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A sandbox on a random port, a company, a manual clock and a real HTTP client. */
final class Harness implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  final Vertx vertx;
  final MutableClock clock = new MutableClock(T0);
  final PipedriveSandbox sandbox;
  final WebClient http;
  final CompanyCredentials company;

  private Harness(UnaryOperator<PipedriveSandboxOptionsBuilder> customize) {
    vertx = Vertx.vertx();
    PipedriveSandboxOptions options =
        customize
            .apply(PipedriveSandboxOptions.defaults().toBuilder().port(0).clock(clock))
            .build();
    sandbox = PipedriveSandbox.start(vertx, options).await().atMost(Duration.ofSeconds(10));
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    company = sandbox.createCompany();
  }

  static Harness start() {
    return new Harness(b -> b);
  }

  static Harness start(UnaryOperator<PipedriveSandboxOptionsBuilder> customize) {
    return new Harness(customize);
  }

  /** The HTTP answer. */
  record Resp(int status, MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return http.request(method, sandbox.port(), "127.0.0.1", path);
  }

  Resp call(HttpMethod method, String path, JsonObject body) {
    return call(method, path, body, company.apiToken());
  }

  Resp call(HttpMethod method, String path, JsonObject body, String apiToken) {
    HttpRequest<Buffer> r = request(method, path);
    if (apiToken != null) {
      r.putHeader("x-api-token", apiToken);
    }
    return send(r, body);
  }

  Resp bearer(HttpMethod method, String path, JsonObject body, String accessToken) {
    return send(request(method, path).putHeader("authorization", "Bearer " + accessToken), body);
  }

  static Resp send(HttpRequest<Buffer> r, JsonObject body) {
    HttpResponse<Buffer> resp =
        (body == null ? r.send() : r.sendJsonObject(body)).await().atMost(Duration.ofSeconds(10));
    return new Resp(resp.statusCode(), resp.headers(), resp.bodyAsString());
  }

  Resp get(String path) {
    return call(HttpMethod.GET, path, null);
  }

  Resp post(String path, JsonObject body) {
    return call(HttpMethod.POST, path, body);
  }

  Resp patch(String path, JsonObject body) {
    return call(HttpMethod.PATCH, path, body);
  }

  Resp delete(String path) {
    return call(HttpMethod.DELETE, path, null);
  }

  Resp admin(HttpMethod method, String path, JsonObject body) {
    return call(method, path, body, null);
  }

  long createOrg(String name) {
    Resp r = post("/api/v2/organizations", new JsonObject().put("name", name));
    if (r.status() != 200) {
      throw new AssertionError(r.body());
    }
    return r.json().getJsonObject("data").getLong("id");
  }

  @Override
  public void close() {
    http.close();
    sandbox.close().await().atMost(Duration.ofSeconds(10));
    vertx.close().await().atMost(Duration.ofSeconds(10));
  }
}
