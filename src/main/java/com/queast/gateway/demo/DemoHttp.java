package com.queast.gateway.demo;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's blocking HTTP client: JSON to the gateway's API (with the admin token) and to the
 * sandboxes' admin routes, and the browser-like steps of an OAuth consent. Never follows redirects
 * on its own, so each hop is visible.
 */
final class DemoHttp {

  /** An answer. */
  record Res(int status, String body, String location) {
    JsonObject json() {
      return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    }

    Res ok() {
      if (status / 100 != 2) {
        throw new IllegalStateException("HTTP " + status + ": " + body);
      }
      return this;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String token;

  DemoHttp(String token) {
    this.token = token;
  }

  Res get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
  }

  Res post(String url, JsonObject body) {
    return send(HttpRequest.newBuilder(URI.create(url)), body == null ? "" : body.encode(), "POST");
  }

  Res put(String url, JsonObject body) {
    return send(HttpRequest.newBuilder(URI.create(url)), body.encode(), "PUT");
  }

  Res patch(String url, JsonObject body) {
    return send(HttpRequest.newBuilder(URI.create(url)), body.encode(), "PATCH");
  }

  /** Submits an HTML form as a browser would (urlencoded, no token). */
  Res form(String url, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r.headers().firstValue("location").orElse(null));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Res send(HttpRequest.Builder b, String body, String method) {
    b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body));
    return send(b, null);
  }

  private Res send(HttpRequest.Builder b, Void unused) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r.headers().firstValue("location").orElse(null));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
