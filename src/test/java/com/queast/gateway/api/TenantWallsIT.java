package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.db.TenantScope;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.Promise;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 12's walls: tenant-scoped API keys, row-level security, a role that cannot bypass it. */
@ExtendWith(PostgresExtension.class)
class TenantWallsIT {

  private static TestGateway gw;
  private static Http admin;
  private static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    gw = TestGateway.start(database, Map.of("GATEWAY_PG_APP_URL", database.appUrl()));
    admin = gw.http();
    for (String t : new String[] {"ta", "tb"}) {
      assertThat(admin.put("/v1/tenants/" + t, new JsonObject().put("name", t)).status())
          .isEqualTo(201);
      assertThat(
              admin
                  .put(
                      "/v1/tenants/" + t + "/companies/c1", new JsonObject().put("name", t + " Co"))
                  .status())
          .isEqualTo(202);
    }
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static Http as(String key) {
    return new Http("http://127.0.0.1:" + gw.gateway().httpPort(), key);
  }

  @Test
  void aTenantKeyReachesOnlyItsOwnTenant() {
    Http.Res created = admin.post("/v1/tenants/ta/api-keys", new JsonObject().put("name", "ci"));
    assertThat(created.status()).isEqualTo(201);
    String key = created.json().getString("key");
    assertThat(key).startsWith("qgk_");
    String listed = admin.get("/v1/tenants/ta/api-keys").body();
    assertThat(listed).contains("ci").doesNotContain(key);
    assertThat(
            db.count(
                "SELECT count(*) FROM api_keys WHERE position('"
                    + key
                    + "'::bytea in key_hash) > 0"))
        .isZero();

    Http ta = as(key);
    assertThat(ta.put("/v1/tenants/ta/companies/k1", new JsonObject().put("name", "Mine")).status())
        .isEqualTo(202);
    assertThat(ta.get("/v1/tenants/ta/companies/c1").json().getString("name")).isEqualTo("ta Co");
    assertThat(ta.get("/v1/tenants/ta").status()).isEqualTo(200);
    // Another tenant's paths do not exist for this key.
    assertThat(ta.get("/v1/tenants/tb/companies/c1").status()).isEqualTo(404);
    assertThat(ta.get("/v1/tenants/tb").status()).isEqualTo(404);
    assertThat(ta.put("/v1/tenants/tb/companies/x", new JsonObject().put("name", "n")).status())
        .isEqualTo(404);
    assertThat(ta.get("/v1/tenants/tb/deliveries").status()).isEqualTo(404);
    // Global routes and tenant management are the admin's.
    assertThat(ta.put("/v1/tenants/tz", new JsonObject().put("name", "new")).status())
        .isEqualTo(403);
    assertThat(ta.put("/v1/tenants/ta", new JsonObject().put("name", "renamed")).status())
        .isEqualTo(403);
    assertThat(ta.post("/v1/tenants/ta/api-keys", new JsonObject().put("name", "x")).status())
        .isEqualTo(403);
    assertThat(ta.get("/v1/tenants/ta/api-keys").status()).isEqualTo(403);
    assertThat(ta.post("/v1/admin/vault/rotate", new JsonObject()).status()).isEqualTo(403);
    assertThat(ta.get("/v1/webhooks/anything").status()).isEqualTo(403);
    // Revocation takes effect at once; the admin token keeps working.
    String id = created.json().getString("id");
    assertThat(admin.send("DELETE", "/v1/tenants/ta/api-keys/" + id, null, Map.of()).status())
        .isEqualTo(204);
    assertThat(ta.get("/v1/tenants/ta/companies/c1").status()).isEqualTo(401);
    assertThat(admin.get("/v1/tenants/tb/companies/c1").status()).isEqualTo(200);
    assertThat(as("qgk_forged").get("/v1/tenants/ta").status()).isEqualTo(401);
  }

  @Test
  void everyTableCarryingATenantHasRowLevelSecurityEnabledAndForced() throws Exception {
    List<String> missing = new ArrayList<>();
    int tables = 0;
    try (Connection c =
            DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT cl.relname, cl.relrowsecurity, cl.relforcerowsecurity,"
                    + " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = cl.oid) AS policies"
                    + " FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace"
                    + " WHERE n.nspname = current_schema() AND cl.relkind IN ('r', 'p')"
                    + " AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = cl.oid"
                    + " AND a.attname = 'tenant_id' AND NOT a.attisdropped)"
                    + " OR cl.relname IN ('tenants', 'crm_records'))")) {
      while (rs.next()) {
        tables++;
        if (!rs.getBoolean(2) || !rs.getBoolean(3) || rs.getLong(4) == 0) {
          missing.add(rs.getString(1));
        }
      }
    }
    assertThat(tables).isGreaterThanOrEqualTo(14);
    assertThat(missing).as("tables without enabled+forced RLS and a policy").isEmpty();
  }

  @Test
  void theGatewayRoleCannotBypassRowLevelSecurity() {
    assertThat(
            db.count(
                "SELECT count(*) FROM pg_roles WHERE rolname = '"
                    + TestDatabase.APP_ROLE
                    + "' AND rolcanlogin AND NOT rolsuper AND NOT rolbypassrls"
                    + " AND NOT rolcreaterole AND NOT rolcreatedb"))
        .isEqualTo(1);
  }

  @Test
  void crossTenantWorkRunsAsASystemRoleThatTheTenantSessionsDoNotInherit() throws Exception {
    // The system role cannot bypass the wall either; it has a policy of its own (V43).
    assertThat(
            db.count(
                "SELECT count(*) FROM pg_roles WHERE rolname = 'queast_gateway_system'"
                    + " AND NOT rolcanlogin AND NOT rolsuper AND NOT rolbypassrls"))
        .isEqualTo(1);
    assertThat(
            db.count(
                "SELECT count(*) FROM pg_roles WHERE rolname = '"
                    + TestDatabase.APP_ROLE
                    + "' AND NOT rolinherit"))
        .isEqualTo(1);
    try (Connection c = DriverManager.getConnection(db.url().jdbcUrl(), TestDatabase.APP_ROLE, "");
        Statement s = c.createStatement()) {
      // Without switching, the system policy does not apply: nothing is visible.
      assertThat(one(s, "SELECT count(*) FROM records")).isZero();
      s.execute("SET ROLE queast_gateway_system");
      assertThat(one(s, "SELECT count(DISTINCT tenant_id) FROM records")).isGreaterThan(1);
    }
  }

  @Test
  void aStatementWithoutItsTenantFilterStillSeesOnlyItsTenant() throws Exception {
    // As the application role, directly: unset = nothing, a tenant = its rows only.
    try (Connection c = DriverManager.getConnection(db.url().jdbcUrl(), TestDatabase.APP_ROLE, "");
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(one(s, "SELECT count(*) FROM records")).isZero();
      s.execute("SELECT set_config('gateway.tenant', 'ta', true)");
      assertThat(one(s, "SELECT count(DISTINCT tenant_id) FROM records")).isEqualTo(1);
      assertThat(one(s, "SELECT count(*) FROM records WHERE tenant_id = 'tb'")).isZero();
      assertThat(one(s, "SELECT count(*) FROM tenants")).isEqualTo(1);
      c.rollback();
    }
    // Through the gateway's own pool, inside a request scope: the same statement, no WHERE.
    ContextInternal ctx =
        ((ContextInternal) gw.gateway().vertx().getDelegate().getOrCreateContext()).duplicate();
    CompletableFuture<Long> seen = new CompletableFuture<>();
    ctx.runOnContext(
        v -> {
          TenantScope.enter("tb");
          Promise<Long> p = Promise.promise();
          gw.gateway()
              .pool()
              .getDelegate()
              .query("SELECT count(*) AS n FROM records WHERE tenant_id <> 'tb'")
              .execute()
              .map(rows -> rows.iterator().next().getLong("n"))
              .onComplete(
                  ar -> {
                    if (ar.succeeded()) {
                      seen.complete(ar.result());
                    } else {
                      seen.completeExceptionally(ar.cause());
                    }
                  });
        });
    assertThat(seen.get(10, TimeUnit.SECONDS)).isZero();
    assertThat(db.count("SELECT count(*) FROM records WHERE tenant_id <> 'tb'")).isPositive();
  }

  private static long one(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
