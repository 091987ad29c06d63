package com.queast.gateway.db;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * The tenant the current request works for, held in its Vert.x duplicated context (one per HTTP
 * request, followed by every database callback of that request). {@link ScopedPool} reads it to run
 * each statement under that tenant's row-level-security scope.
 */
public final class TenantScope {

  private static final String KEY = "gateway.tenant";

  private TenantScope() {}

  /**
   * Enters a tenant's scope for the rest of the current request.
   *
   * @param tenant tenant id
   * @throws IllegalStateException when not on a duplicated (per-request) context, where a local
   *     would leak into other requests
   */
  public static void enter(String tenant) {
    Context c = Vertx.currentContext();
    if (!(c instanceof ContextInternal ci) || !ci.isDuplicate()) {
      throw new IllegalStateException("a tenant scope needs a per-request (duplicated) context");
    }
    ci.localContextData().put(KEY, tenant);
  }

  /**
   * The tenant of the current request.
   *
   * @return the tenant, or null outside a tenant request (system scope)
   */
  public static String current() {
    Context c = Vertx.currentContext();
    if (c instanceof ContextInternal ci && ci.isDuplicate()) {
      Object t = ci.localContextData().get(KEY);
      return t instanceof String s ? s : null;
    }
    return null;
  }
}
