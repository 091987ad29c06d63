package com.queast.gateway.api;

import com.queast.gateway.tenant.VaultRotation;
import io.vertx.mutiny.ext.web.Router;

/** {@code POST /v1/admin/vault/rotate}: re-encrypt stored credentials with the current key. */
public final class VaultRoutes implements RouteContributor {

  private final VaultRotation rotation;

  /**
   * Routes.
   *
   * @param rotation the re-encryption
   */
  public VaultRoutes(VaultRotation rotation) {
    this.rotation = rotation;
  }

  @Override
  public void mount(Router router) {
    router
        .post("/v1/admin/vault/rotate")
        .handler(ApiVerticle.json(ctx -> rotation.run().map(j -> new Reply(200, j))));
  }
}
