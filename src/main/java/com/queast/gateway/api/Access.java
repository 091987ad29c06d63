package com.queast.gateway.api;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.db.TenantScope;
import io.vertx.mutiny.ext.web.RoutingContext;

/**
 * Who may do what, decided once per request after authentication. The admin token reaches every
 * route. A tenant API key reaches only {@code /v1/tenants/{its tenant}/...}: another tenant's paths
 * answer 404 (as if they did not exist), and anything global ({@code PUT /v1/tenants/{t}}, API-key
 * management, {@code /v1/webhooks/*}, {@code /v1/admin/*}) answers 403. The tenant a request works
 * for is then entered as the request's database scope ({@link TenantScope}), so row-level security
 * holds the wall a second time.
 */
final class Access {

  /** Context key: true when the admin token authenticated the request. */
  static final String ADMIN = "gateway.admin";

  private Access() {}

  /**
   * Why a tenant key may not make this request, or null when it may.
   *
   * @param ctx the request
   * @param owner the key's tenant
   * @return a 403/404 failure, or null
   */
  static GatewayException refuseTenantKey(RoutingContext ctx, String owner) {
    String pathTenant = ctx.get(PathGuard.TENANT);
    if (pathTenant == null) {
      return new GatewayException(
          "forbidden", 403, "a tenant API key reaches only /v1/tenants/{its tenant}/...");
    }
    String[] segments = ctx.request().path().split("/", -1);
    boolean tenantItself = segments.length <= 4 || segments[4].isEmpty();
    if (tenantItself && !"GET".equals(ctx.request().method().name())) {
      // Whichever tenant: creating one is global, and the answer must not reveal which exist.
      return new GatewayException(
          "forbidden", 403, "creating or renaming tenants needs the admin token");
    }
    if (!pathTenant.equals(owner)) {
      return new GatewayException("not_found", 404, "no such resource");
    }
    if (segments.length > 4 && segments[4].equals("api-keys")) {
      return new GatewayException("forbidden", 403, "API keys are managed with the admin token");
    }
    return null;
  }

  /**
   * Enters the request's database scope: the tenant of the path (admin) or of the key.
   *
   * @param tenant the tenant, or null for global routes (system scope)
   */
  static void enter(String tenant) {
    if (tenant != null) {
      TenantScope.enter(tenant);
    }
  }
}
