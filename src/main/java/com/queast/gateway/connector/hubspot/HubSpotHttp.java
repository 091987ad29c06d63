package com.queast.gateway.connector.hubspot;

import com.queast.gateway.connector.Redirects;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP layer to HubSpot: JSON and form requests with a bearer token, answers turned into {@link
 * HubSpotResponse} (a wire failure is a response with status 0, never a failed Uni).
 */
public final class HubSpotHttp {

  private static final long TIMEOUT_MS = 20_000;

  private final WebClient client;
  private final String baseUrl;
  private final Clock clock;

  /**
   * A client.
   *
   * @param vertx Vert.x
   * @param baseUrl API base, e.g. {@code https://api.hubapi.com}
   * @param clock time source (durations)
   */
  public HubSpotHttp(Vertx vertx, String baseUrl, Clock clock) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setKeepAlive(true)
                // One pool for every portal (one host): with several lanes, each with several
                // batches
                // in flight, 8 connections queued requests behind each other, and a request that
                // waited for a connection reached HubSpot long after the pacer had counted it (the
                // vendor counts arrivals: HubSpotPacingIT saw 100 in 10 s against the pacer's 99).
                .setMaxPoolSize(64)
                .setConnectTimeout(5000)
                .setUserAgent("queast-gateway"));
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.clock = clock;
  }

  /**
   * Sends a JSON request.
   *
   * @param method method
   * @param path path with query
   * @param token bearer token, or null
   * @param body JSON body or null
   * @return a Uni emitting the response; never fails
   */
  public Uni<HubSpotResponse> json(HttpMethod method, String path, String token, Object body) {
    HttpRequest<Buffer> req = request(method, path, token);
    long start = System.nanoTime();
    Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sent =
        body == null
            ? req.send()
            : req.putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(io.vertx.core.json.Json.encode(body)));
    return wrap(sent, start);
  }

  /**
   * Sends a form POST (OAuth endpoints take every parameter in the body).
   *
   * @param path path
   * @param form form fields
   * @return a Uni emitting the response; never fails
   */
  public Uni<HubSpotResponse> form(String path, Map<String, String> form) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    form.forEach(m::add);
    long start = System.nanoTime();
    return wrap(request(HttpMethod.POST, path, null).sendForm(m), start);
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path, String token) {
    HttpRequest<Buffer> req =
        client.requestAbs(method, baseUrl + path).timeout(TIMEOUT_MS).putHeader("Accept", "*/*");
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return req;
  }

  private static Uni<HubSpotResponse> wrap(
      Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sent, long start) {
    return sent.map(
            r -> {
              Map<String, String> h = new HashMap<>();
              r.headers().names().forEach(n -> h.put(n.toLowerCase(Locale.ROOT), r.getHeader(n)));
              if (r.statusCode() >= 300 && r.statusCode() < 400) {
                // Never followed: a redirect would carry the bearer token to another host.
                return new HubSpotResponse(
                    0,
                    "",
                    h,
                    elapsed(start),
                    Redirects.refused("HubSpot", r.statusCode(), h.get("location")));
              }
              String body = r.body() == null ? "" : r.bodyAsString();
              return new HubSpotResponse(r.statusCode(), body, h, elapsed(start), null);
            })
        .onFailure()
        .recoverWithItem(
            t ->
                new HubSpotResponse(
                    0,
                    "",
                    Map.of(),
                    elapsed(start),
                    t.getClass().getSimpleName() + ": " + t.getMessage()));
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * The clock in use.
   *
   * @return clock
   */
  public Clock clock() {
    return clock;
  }

  /** Closes the client. */
  public void close() {
    client.close();
  }

  /**
   * An empty JSON object, for requests that need a body.
   *
   * @return {@code {}}
   */
  static JsonObject empty() {
    return new JsonObject();
  }
}
