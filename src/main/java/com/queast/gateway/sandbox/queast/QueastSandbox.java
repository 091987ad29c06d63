package com.queast.gateway.sandbox.queast;

import com.queast.gateway.sandbox.common.FaultHandler;
import com.queast.gateway.sandbox.common.FaultInjector;
import com.queast.gateway.sandbox.common.FaultPlan;
import com.queast.gateway.sandbox.common.FaultResponder;
import com.queast.gateway.sandbox.common.RequestLog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import io.vertx.mutiny.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Queast's bookmark API, which the gateway calls when a CRM user marks a company as
 * interesting: {@code PUT /v1/tenants/{tenantId}/bookmarks/{companyId}} (idempotent upsert), {@code
 * GET} one or all, {@code DELETE}; admin {@code /_sandbox/tenants}, {@code /_sandbox/bookmarks},
 * {@code /_sandbox/faults}, {@code /_sandbox/requests}. In-memory.
 */
public final class QueastSandbox {

  private static final Logger LOG = LoggerFactory.getLogger(QueastSandbox.class);
  private static final String UNEXPECTED = "queast sandbox: unexpected failure";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final QueastSandboxOptions options;
  private final BookmarkStore store = new BookmarkStore();
  private final Map<String, String> tenantByToken = new ConcurrentHashMap<>();
  private final FaultInjector faults = new FaultInjector();
  private final RequestLog requestLog;
  private final BookmarkApi bookmarkApi;
  private final Router router;
  private HttpServer server;

  private QueastSandbox(Vertx vertx, QueastSandboxOptions options) {
    this.options = options;
    this.requestLog = new RequestLog(options.requestLogSize(), options.clock(), false);
    router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(256 * 1024));
    FaultHandler faultHandler =
        new FaultHandler(
            vertx,
            faults,
            FaultResponder.of(
                ctx ->
                    problem(ctx, new Problem(429, "Too many requests", "injected 429 storm", null)),
                ctx ->
                    problem(ctx, new Problem(503, "Unavailable", "injected server error", null))),
            requestLog);
    router.route("/v1/*").handler(requestLog.handler()).handler(faultHandler);
    bookmarkApi = new BookmarkApi(store, tenantByToken, options.staticToken(), options.clock());
    bookmarkApi.register(router);
    router.post("/_sandbox/tenants").handler(this::createTenant);
    router.get("/_sandbox/bookmarks").handler(this::allBookmarks);
    router
        .delete("/_sandbox/bookmarks")
        .handler(
            ctx -> {
              store.clear();
              ctx.response().setStatusCode(204).endAndForget();
            });
    router
        .get("/_sandbox/requests")
        .handler(ctx -> admin(ctx, 200, new JsonObject().put("items", requestLog.toJson(1000))));
    router.put("/_sandbox/faults").handler(this::putFaults);
    router.get("/_sandbox/faults").handler(ctx -> admin(ctx, 200, faults.plan().toJson()));
    router
        .delete("/_sandbox/faults")
        .handler(
            ctx -> {
              faults.set(FaultPlan.NONE);
              ctx.response().setStatusCode(204).endAndForget();
            });
    router
        .route("/v1/*")
        .handler(ctx -> problem(ctx, new Problem(404, "Not found", "no such resource", null)));
    router.route().failureHandler(QueastSandbox::failure);
  }

  /**
   * Starts the stand-in.
   *
   * @param vertx Vert.x instance
   * @param options configuration
   * @return emits the running sandbox once it listens; fails when the port cannot be bound
   */
  public static Uni<QueastSandbox> start(Vertx vertx, QueastSandboxOptions options) {
    QueastSandbox s = new QueastSandbox(vertx, Objects.requireNonNull(options));
    return vertx
        .createHttpServer()
        .requestHandler(s.router::handle)
        .listen(options.port(), options.host())
        .map(
            server -> {
              s.server = server;
              return s;
            });
  }

  private static void problem(RoutingContext ctx, Problem p) {
    Responses.problem(ctx, p);
  }

  private static void admin(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .endAndForget(body.encode());
  }

  private static void failure(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof Problem p) {
      problem(ctx, p);
    } else if (f == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      problem(ctx, new Problem(ctx.statusCode(), "Bad request", "request refused", null));
    } else {
      LOG.error(UNEXPECTED, f);
      problem(ctx, new Problem(500, "Internal error", "unexpected failure", null));
    }
  }

  private void createTenant(RoutingContext ctx) {
    JsonObject b =
        ctx.body() == null || ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
    String tenant = b.getString("tenantId", "tenant-" + hex(4));
    String token = "qst_" + hex(20);
    tenantByToken.put(token, tenant);
    admin(ctx, 201, new JsonObject().put("tenantId", tenant).put("token", token));
  }

  private void allBookmarks(RoutingContext ctx) {
    JsonArray items = new JsonArray();
    store.all().forEach(items::add);
    admin(
        ctx,
        200,
        new JsonObject()
            .put("items", items)
            .put("count", items.size())
            .put("upserts", store.upserts()));
  }

  private void putFaults(RoutingContext ctx) {
    try {
      faults.set(FaultPlan.fromJson(ctx.body().asJsonObject()));
    } catch (RuntimeException e) {
      admin(ctx, 400, new JsonObject().put("error", String.valueOf(e.getMessage())));
      return;
    }
    admin(ctx, 200, faults.plan().toJson());
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Issues a Bearer token valid for one tenant only.
   *
   * @param tenantId the tenant
   * @return the token
   */
  public String createTenantToken(String tenantId) {
    String token = "qst_" + hex(20);
    tenantByToken.put(token, tenantId);
    return token;
  }

  /**
   * A tenant's bookmarks, ordered by company id.
   *
   * @param tenantId tenant
   * @return copies of the bookmarks
   */
  public List<JsonObject> bookmarks(String tenantId) {
    return store.list(tenantId);
  }

  /**
   * Upsert calls received, including the ones that changed nothing.
   *
   * @return the count
   */
  public long upsertCount() {
    return store.upserts();
  }

  /**
   * The fault injector behind {@code /_sandbox/faults}.
   *
   * @return the injector
   */
  public FaultInjector faults() {
    return faults;
  }

  /**
   * The bound port.
   *
   * @return the actual port
   */
  public int port() {
    return server.actualPort();
  }

  /**
   * Base URL of the stand-in.
   *
   * @return e.g. {@code http://127.0.0.1:8093}
   */
  public String baseUrl() {
    return "http://" + options.host() + ":" + port();
  }

  /**
   * Stops listening.
   *
   * @return completes when closed
   */
  public Uni<Void> close() {
    return server == null ? Uni.createFrom().voidItem() : server.close();
  }

  /**
   * Accepts bookmarks from one more CRM (a connector added in a test); by default only HubSpot and
   * Pipedrive are sources.
   *
   * @param source the CRM id sent as {@code source}
   */
  public void allowSource(String source) {
    bookmarkApi.allow(source);
  }
}
