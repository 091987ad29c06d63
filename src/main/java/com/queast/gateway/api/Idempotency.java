package com.queast.gateway.api;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.common.Json;
import com.queast.gateway.db.SqlStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: the first answer to a key is stored (per tenant) and replayed for a
 * repeat with the same method, path and body; a repeat with a different request is refused with
 * 409.
 */
public final class Idempotency {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/api.sql");

  private static final int MAX_KEY = 255;

  private final Pool pool;

  /**
   * Idempotency over the shared pool.
   *
   * @param pool pool
   */
  public Idempotency(Pool pool) {
    this.pool = pool;
  }

  /**
   * Runs {@code work} once per key; without a key it simply runs.
   *
   * @param tenantId tenant
   * @param key header value or null
   * @param request method + path + body, hashed to detect reuse with another request
   * @param work the handler
   * @return a Uni emitting the reply (stored or replayed)
   */
  public Uni<Reply> run(String tenantId, String key, String request, Supplier<Uni<Reply>> work) {
    if (key == null) {
      return work.get();
    }
    if (key.isBlank() || key.length() > MAX_KEY) {
      return Uni.createFrom()
          .failure(
              new GatewayException(
                  "invalid_idempotency_key", 400, "Idempotency-Key must be 1 to 255 characters"));
    }
    String hash = Json.sha256Hex(request);
    return pool.preparedQuery(SQL.get("get-idempotency"))
        .execute(Tuple.of(tenantId, key))
        .map(rows -> rows.size() == 0 ? Optional.<Row>empty() : Optional.of(rows.iterator().next()))
        .chain(
            found -> {
              if (found.isPresent()) {
                Row r = found.get();
                if (!hash.equals(r.getString("request_hash"))) {
                  return Uni.createFrom()
                      .failure(
                          GatewayException.conflict(
                              "idempotency_key_reused",
                              "Idempotency-Key was already used with a different request"));
                }
                return Uni.createFrom()
                    .item(new Reply(r.getInteger("status"), replayed(r.getJsonObject("body"))));
              }
              return work.get()
                  .call(
                      reply ->
                          pool.preparedQuery(SQL.get("put-idempotency"))
                              .execute(
                                  Tuple.of(tenantId, key, hash, reply.status(), reply.body())));
            });
  }

  private static JsonObject replayed(JsonObject body) {
    return body.copy().put("idempotentReplay", true);
  }
}
