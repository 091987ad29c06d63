package com.queast.gateway.tenant;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-encrypts every stored credential blob that is not sealed with the vault's current key (key
 * rotation: configure the new key as {@code vault.key} with a new {@code vault.keyId}, keep the old
 * one in {@code vault.previousKeys}, run this, then drop the old key). Each blob is replaced only
 * if it is unchanged since it was read, so a concurrent token refresh is never overwritten.
 */
public final class VaultRotation {

  private final Pool pool;
  private final CredentialVault vault;

  /**
   * A rotation.
   *
   * @param pool the pool (this path spans tenants)
   * @param vault the vault with the new current key
   */
  public VaultRotation(Pool pool, CredentialVault vault) {
    this.pool = pool;
    this.vault = vault;
  }

  /**
   * Re-encrypts what is not under the current key.
   *
   * @return a Uni emitting {@code {keyId, resealed, current, failed}}; failed counts blobs no
   *     configured key opens (they are left as they are)
   */
  public Uni<JsonObject> run() {
    return pool.preparedQuery(TenantStore.SQL.get("list-sealed-credentials"))
        .execute()
        .chain(
            rows -> {
              List<Tuple> updates = new ArrayList<>();
              int current = 0;
              int failed = 0;
              for (Row r : rows) {
                byte[] blob = r.getBuffer("credentials").getBytes();
                if (vault.sealedWithCurrent(blob)) {
                  current++;
                  continue;
                }
                String id = r.getUUID("id").toString();
                try {
                  byte[] fresh = vault.seal(id, vault.open(id, blob));
                  updates.add(Tuple.of(r.getUUID("id"), Buffer.buffer(blob), Buffer.buffer(fresh)));
                } catch (IllegalStateException e) {
                  failed++;
                }
              }
              JsonObject out =
                  new JsonObject()
                      .put("keyId", vault.currentKeyId())
                      .put("current", current)
                      .put("failed", failed);
              if (updates.isEmpty()) {
                return Uni.createFrom().item(out.put("resealed", 0));
              }
              return pool.preparedQuery(TenantStore.SQL.get("reseal-credentials"))
                  .executeBatch(updates)
                  .map(
                      rs -> {
                        int n = 0;
                        for (var r = rs; r != null; r = r.next()) {
                          n += r.rowCount();
                        }
                        return out.put("resealed", n);
                      });
            });
  }
}
