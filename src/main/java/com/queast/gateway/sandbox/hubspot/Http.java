package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.sandbox.common.SandboxResponses;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routing and answering helpers shared by the HubSpot route classes. */
final class Http {

  static final String PRINCIPAL = "hubspot.principal";

  /** Legacy and dated prefixes of the objects API. */
  static final List<String> OBJECTS =
      List.of("/crm/v3/objects", "/crm/objects/2026-03", "/crm/objects/2026-09");

  /** Prefixes of the per-record associations API (v4 and dated). */
  static final List<String> ASSOCIATIONS_BY_OBJECT =
      List.of("/crm/v4/objects", "/crm/objects/2026-03", "/crm/objects/2026-09");

  /** Prefixes of the batch associations API (v4 and dated). */
  static final List<String> ASSOCIATIONS_BATCH =
      List.of("/crm/v4/associations", "/crm/associations/2026-03", "/crm/associations/2026-09");

  /** Prefixes of the custom object schemas API (spec path, the guide's alias, dated). */
  static final List<String> SCHEMAS =
      List.of(
          "/crm-object-schemas/v3/schemas",
          "/crm/v3/schemas",
          "/crm-object-schemas/2026-03/schemas",
          "/crm-object-schemas/2026-09/schemas");

  /** Prefixes of the properties API. */
  static final List<String> PROPERTIES =
      List.of("/crm/v3/properties", "/crm/properties/2026-03", "/crm/properties/2026-09");

  private static final Logger LOG = LoggerFactory.getLogger(Http.class);
  private static final String UNEXPECTED = "hubspot sandbox: unexpected failure";

  /** A response: status and JSON body (null for none). */
  record Reply(int status, Object body) {}

  private Http() {}

  static void on(
      Router router,
      HttpMethod method,
      List<String> prefixes,
      String suffix,
      Function<RoutingContext, Reply> handler) {
    for (String prefix : prefixes) {
      router.route(method, prefix + suffix).handler(ctx -> answer(ctx, handler));
    }
  }

  static void answer(RoutingContext ctx, Function<RoutingContext, Reply> handler) {
    Reply r;
    try {
      r = handler.apply(ctx);
    } catch (HubSpotError e) {
      r = new Reply(e.status(), e.toJson());
    } catch (DecodeException | ClassCastException e) {
      r = new Reply(400, HubSpotError.validation("Invalid input JSON: " + e.getMessage()).toJson());
    } catch (RuntimeException e) {
      LOG.error(UNEXPECTED, e);
      r =
          new Reply(
              500,
              new HubSpotError(500, "INTERNAL_ERROR", "internal error", null, null, null, null)
                  .toJson());
    }
    reply(ctx, r);
  }

  static void reply(RoutingContext ctx, Reply r) {
    ctx.response().putHeader("X-HubSpot-Correlation-Id", correlationId(r.body()));
    SandboxResponses.json(ctx, r.status(), r.body());
  }

  private static String correlationId(Object body) {
    if (body instanceof JsonObject o && o.getString("correlationId") != null) {
      return o.getString("correlationId");
    }
    return UUID.randomUUID().toString();
  }

  static JsonObject body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() <= 0) {
      return new JsonObject();
    }
    Object v = ctx.body().asJsonObject();
    if (v == null) {
      throw HubSpotError.validation("Invalid input JSON: the body must be a JSON object");
    }
    return (JsonObject) v;
  }

  static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  static Principal require(RoutingContext ctx, String scope) {
    Principal p = principal(ctx);
    if (!p.scopes().contains(scope)) {
      throw AuthErrors.missingScopes(scope);
    }
    return p;
  }

  /**
   * The object type a path parameter names, resolved in the caller's portal (custom types need it).
   *
   * @param ctx request
   * @param param path parameter name
   * @return the type
   * @throws HubSpotError 400 for an unknown type
   */
  static ObjectType type(RoutingContext ctx, String param) {
    return principal(ctx).portal().requireType(ctx.pathParam(param));
  }

  static boolean flag(RoutingContext ctx, String name) {
    return Boolean.parseBoolean(ctx.request().getParam(name, "false"));
  }
}
