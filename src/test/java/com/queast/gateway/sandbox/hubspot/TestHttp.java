package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking HTTP client for the sandbox tests (runs on the test thread, never a loop). */
final class TestHttp {

  /** A response. */
  record Res(int status, String body, java.net.http.HttpHeaders headers) {
    JsonObject json() {
      return new JsonObject(body);
    }

    JsonArray array() {
      return new JsonArray(body);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final String base;
  private String token;

  TestHttp(String base) {
    this.base = base;
  }

  TestHttp withToken(String token) {
    TestHttp t = new TestHttp(base);
    t.token = token;
    return t;
  }

  Res get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  Res delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Res post(String path, Object body) {
    return send(json(path, "POST", body));
  }

  Res put(String path, Object body) {
    return send(json(path, "PUT", body));
  }

  Res patch(String path, Object body) {
    return send(json(path, "PATCH", body));
  }

  Res form(String path, String form) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Sends and lets the IOException through (for fault tests). */
  Res postRaw(String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder b = json(path, "POST", body);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Res(r.statusCode(), r.body(), r.headers());
  }

  private HttpRequest.Builder json(String path, String method, Object body) {
    String text = body == null ? "" : body.toString();
    if (body instanceof JsonObject o) {
      text = o.encode();
    } else if (body instanceof JsonArray a) {
      text = a.encode();
    }
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(text));
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : base + path);
  }

  private Res send(HttpRequest.Builder b) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.timeout(Duration.ofSeconds(10));
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
