package com.queast.gateway.api;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.record.RecordType;
import com.queast.gateway.tenant.ApiKeyStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import io.vertx.mutiny.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP API: routes only. Handlers do the work; failures become problem+json in one place. Extra
 * route contributors (connections, webhooks, matching) plug in through {@link RouteContributor}.
 */
public final class ApiVerticle extends AbstractVerticle {

  private final String host;
  private final int port;
  private final long maxBodyBytes;
  private final String adminToken;
  private final IngestHandler ingest;
  private final OpsHandler ops;
  private final TenantHandler tenants;
  private final Idempotency idempotency;
  private final OperationsRoutes operations;
  private final List<RouteContributor> contributors;
  private HttpServer server;

  /**
   * The API verticle.
   *
   * @param host bind host
   * @param port bind port (0 = any)
   * @param maxBodyBytes body limit
   * @param adminToken bearer token for /v1
   * @param ingest ingest handler
   * @param ops operations handler
   * @param tenants tenant handler
   * @param idempotency idempotency store
   * @param operations health and metrics routes
   * @param contributors further routes
   */
  public ApiVerticle(
      String host,
      int port,
      long maxBodyBytes,
      String adminToken,
      IngestHandler ingest,
      OpsHandler ops,
      TenantHandler tenants,
      Idempotency idempotency,
      OperationsRoutes operations,
      List<RouteContributor> contributors) {
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.adminToken = adminToken;
    this.ingest = ingest;
    this.ops = ops;
    this.tenants = tenants;
    this.idempotency = idempotency;
    this.operations = operations;
    this.contributors = contributors;
  }

  /**
   * The port actually bound.
   *
   * @return port
   */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Uni<Void> asyncStart() {
    Router router = Router.router(vertx);
    operations.mount(router);
    router.route("/v1/*").handler(PathGuard::handle);
    // Webhooks authenticate themselves from their body (signatures), so only their routes read a
    // body before authentication; every other /v1 body is read after the bearer token is checked.
    router.route("/v1/webhooks/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    for (RouteContributor c : contributors) {
      c.mountPublic(router);
    }
    router.route("/v1/*").handler(this::authenticate);
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router.get("/v1/tenants/:tenantId/*").handler(this::tenantExists);
    router.post("/v1/tenants/:tenantId/api-keys").handler(json(tenants::createKey));
    router.get("/v1/tenants/:tenantId/api-keys").handler(json(tenants::listKeys));
    router.delete("/v1/tenants/:tenantId/api-keys/:keyId").handler(json(tenants::revokeKey));
    router.put("/v1/tenants/:tenantId").handler(json(tenants::put));
    router.get("/v1/tenants/:tenantId").handler(json(tenants::get));
    for (RecordType t : RecordType.values()) {
      router
          .putWithRegex("/v1/tenants/(?<tenantId>[^/]+)/" + t.plural() + "/(?<recordId>[^/:]+)")
          .handler(idempotent(ctx -> ingest.putOne(ctx, t)));
      router
          .getWithRegex("/v1/tenants/(?<tenantId>[^/]+)/" + t.plural() + "/(?<recordId>[^/:]+)")
          .handler(json(ctx -> ops.getRecord(ctx, t)));
      router
          .postWithRegex("/v1/tenants/(?<tenantId>[^/]+)/" + t.plural() + ":batch")
          .handler(idempotent(ctx -> ingest.batch(ctx, t)));
    }
    router.get("/v1/tenants/:tenantId/deliveries").handler(json(ops::log));
    router.get("/v1/tenants/:tenantId/jobs/:jobId").handler(json(ops::job));
    router.post("/v1/tenants/:tenantId/jobs/:jobId/replay").handler(json(ops::replayJob));
    router
        .post("/v1/tenants/:tenantId/connections/:connectionId/replay")
        .handler(json(ops::replayConnection));
    router
        .post("/v1/tenants/:tenantId/connections/:connectionId/backfill")
        .handler(json(ops::backfill));
    router
        .get("/v1/tenants/:tenantId/connections/:connectionId/backfills/:backfillId")
        .handler(json(ops::getBackfill));
    for (RouteContributor c : contributors) {
      c.mount(router);
    }
    router
        .route()
        .last()
        .handler(
            ctx -> Problems.send(ctx, new GatewayException("not_found", 404, "no such resource")));
    router.route().failureHandler(this::failure);
    return vertx
        .createHttpServer(
            new HttpServerOptions().setHost(host).setPort(port).setDecompressionSupported(true))
        .requestHandler(router)
        .listen()
        .invoke(s -> server = s)
        .replaceWithVoid();
  }

  @Override
  public Uni<Void> asyncStop() {
    return server == null ? Uni.createFrom().voidItem() : server.close();
  }

  private void failure(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t == null) {
      int status = ctx.statusCode();
      String code =
          switch (status) {
            case 413 -> "payload_too_large";
            case 405 -> "method_not_allowed";
            case 401 -> "unauthorized";
            default -> "http_" + status;
          };
      String detail =
          status == 413
              ? "request body is larger than " + maxBodyBytes + " bytes"
              : "request refused";
      Problems.write(ctx, new GatewayException(code, status, detail), null);
      return;
    }
    if (t instanceof IngestHandler.BatchRejected br) {
      Problems.write(ctx, br, br.accepted());
      return;
    }
    Problems.send(ctx, t);
  }

  /** Reads under a tenant that does not exist are a 404 (list routes used to answer 200). */
  private void tenantExists(RoutingContext ctx) {
    String tenant = ctx.get(PathGuard.TENANT);
    if (tenant == null) {
      ctx.next();
      return;
    }
    tenants
        .exists(tenant)
        .subscribe()
        .with(
            found -> {
              if (found) {
                ctx.next();
              } else {
                Problems.send(ctx, GatewayException.notFound("tenant", tenant));
              }
            },
            ctx::fail);
  }

  private void authenticate(RoutingContext ctx) {
    String h = ctx.request().getHeader("Authorization");
    if (h == null || !h.startsWith("Bearer ") || h.length() > 1024) {
      Problems.write(
          ctx,
          new GatewayException("unauthorized", 401, "send Authorization: Bearer <token>"),
          null);
      return;
    }
    String token = h.substring(7).trim();
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    if (adminToken != null
        && !adminToken.isEmpty()
        && MessageDigest.isEqual(given, adminToken.getBytes(StandardCharsets.UTF_8))) {
      ctx.put(Access.ADMIN, Boolean.TRUE);
      Access.enter(ctx.get(PathGuard.TENANT));
      ctx.next();
      return;
    }
    if (!token.startsWith(ApiKeyStore.PREFIX)) {
      Problems.write(ctx, new GatewayException("unauthorized", 401, "invalid token"), null);
      return;
    }
    // The lookup is asynchronous and the body is read after it: hold the body back meanwhile.
    boolean paused = !ctx.request().isEnded();
    if (paused) {
      ctx.request().pause();
    }
    tenants
        .keyTenant(token)
        .subscribe()
        .with(
            owner -> {
              try {
                if (owner.isEmpty()) {
                  Problems.write(
                      ctx, new GatewayException("unauthorized", 401, "invalid token"), null);
                  return;
                }
                GatewayException refused = Access.refuseTenantKey(ctx, owner.get());
                if (refused != null) {
                  Problems.write(ctx, refused, null);
                  return;
                }
                Access.enter(owner.get());
                ctx.next();
              } catch (RuntimeException e) {
                ctx.fail(e);
              } finally {
                resume(ctx, paused);
              }
            },
            t -> {
              resume(ctx, paused);
              ctx.fail(t);
            });
  }

  private static void resume(RoutingContext ctx, boolean paused) {
    if (paused && !ctx.request().isEnded()) {
      ctx.request().resume();
    }
  }

  /**
   * Adapts a handler emitting a {@link Reply} to a route handler that writes JSON or a problem.
   *
   * @param handler the handler
   * @return a route handler
   */
  public static Consumer<RoutingContext> json(Function<RoutingContext, Uni<Reply>> handler) {
    return ctx -> {
      Uni<Reply> reply;
      try {
        reply = handler.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      reply.subscribe().with(r -> write(ctx, r), ctx::fail);
    };
  }

  private Consumer<RoutingContext> idempotent(Function<RoutingContext, Uni<Reply>> handler) {
    return json(
        ctx -> {
          String key = ctx.request().getHeader("Idempotency-Key");
          String tenantId = ctx.pathParam("tenantId");
          String request =
              ctx.request().method()
                  + " "
                  + ctx.normalizedPath()
                  + "\n"
                  + (ctx.body() == null ? "" : ctx.body().asString());
          return idempotency.run(tenantId, key, request, () -> handler.apply(ctx));
        });
  }

  private static void write(RoutingContext ctx, Reply r) {
    if (ctx.response().ended()) {
      return;
    }
    JsonObject body = r.body();
    if (body == null) {
      ctx.response().setStatusCode(r.status()).endAndForget();
      return;
    }
    ctx.response()
        .setStatusCode(r.status())
        .putHeader("Content-Type", "application/json")
        .endAndForget(body.encode());
  }
}
