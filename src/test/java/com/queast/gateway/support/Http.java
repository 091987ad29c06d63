package com.queast.gateway.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A tiny blocking HTTP client for tests (real HTTP, from the test thread). */
public final class Http {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  /**
   * A client for a base URL.
   *
   * @param base e.g. {@code http://127.0.0.1:1234}
   * @param token bearer token, or null
   */
  public Http(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /**
   * A response.
   *
   * @param status HTTP status
   * @param body raw body
   * @param contentType content type header
   * @param headers every response header
   */
  public record Res(
      int status, String body, String contentType, java.net.http.HttpHeaders headers) {
    /**
     * One response header.
     *
     * @param name header name
     * @return its first value, or empty
     */
    public String header(String name) {
      return headers.firstValue(name).orElse("");
    }

    /**
     * The body as JSON.
     *
     * @return parsed object
     */
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * Sends a request.
   *
   * @param method method
   * @param path path
   * @param body body or null
   * @param headers extra headers
   * @return the response
   */
  public Res send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    headers.forEach(b::setHeader);
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(
          r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * PUT JSON.
   *
   * @param path path
   * @param body JSON
   * @return response
   */
  public Res put(String path, Object body) {
    return send("PUT", path, String.valueOf(body), Map.of());
  }

  /**
   * POST JSON.
   *
   * @param path path
   * @param body JSON
   * @return response
   */
  public Res post(String path, Object body) {
    return send("POST", path, body == null ? null : String.valueOf(body), Map.of());
  }

  /**
   * GET.
   *
   * @param path path
   * @return response
   */
  public Res get(String path) {
    return send("GET", path, null, Map.of());
  }
}
