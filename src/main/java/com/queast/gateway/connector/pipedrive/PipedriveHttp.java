package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.Redirects;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.util.Map;

/**
 * The wire: sends one request to Pipedrive and always emits a {@link PipedriveResponse}, also when
 * no answer came (status 0), so callers classify instead of catching. No pacing, no retries.
 */
public final class PipedriveHttp {

  private final WebClient client;
  private final long timeoutMs;

  /**
   * A client.
   *
   * @param vertx Vert.x
   * @param timeoutMs per-request timeout
   */
  public PipedriveHttp(Vertx vertx, long timeoutMs) {
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setFollowRedirects(false)
                .setUserAgent("queast-gateway")
                .setMaxPoolSize(64)
                .setKeepAlive(true));
    this.timeoutMs = timeoutMs;
  }

  /**
   * Sends a request.
   *
   * @param url absolute URL without query
   * @param method HTTP method
   * @param headers request headers (auth)
   * @param query query parameters (URL-encoded here)
   * @param body JSON body or null
   * @return a Uni emitting the answer; never fails
   */
  public Uni<PipedriveResponse> send(
      String url,
      String method,
      Map<String, String> headers,
      Map<String, String> query,
      JsonObject body) {
    HttpRequest<Buffer> req = client.requestAbs(HttpMethod.valueOf(method), url).timeout(timeoutMs);
    headers.forEach(req::putHeader);
    query.forEach(req::addQueryParam);
    long start = System.nanoTime();
    Uni<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendJsonObject(body);
    return sent.map(r -> read(r, millis(start)))
        .onFailure()
        .recoverWithItem(
            t ->
                new PipedriveResponse(
                    0, null, null, RateHeaders.NONE, null, millis(start), t.toString()));
  }

  private static long millis(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static PipedriveResponse read(HttpResponse<Buffer> r, long ms) {
    if (r.statusCode() >= 300 && r.statusCode() < 400) {
      // Never followed: a redirect would carry x-api-token or the bearer token to another host.
      return new PipedriveResponse(
          0,
          null,
          null,
          RateHeaders.NONE,
          null,
          ms,
          Redirects.refused("Pipedrive", r.statusCode(), r.getHeader("Location")));
    }
    String text = r.bodyAsString();
    JsonObject json = null;
    String snippet = null;
    if (text != null && !text.isBlank()) {
      try {
        json = new JsonObject(text);
      } catch (RuntimeException e) {
        snippet = text.length() > 120 ? text.substring(0, 120) : text;
      }
    }
    String rid = r.getHeader("x-correlation-id");
    if (rid == null) {
      rid = r.getHeader("x-request-id");
    }
    return new PipedriveResponse(
        r.statusCode(), json, snippet, RateHeaders.from(r.headers().getDelegate()), rid, ms, null);
  }

  /** Closes the HTTP client. */
  public void close() {
    client.close();
  }
}
