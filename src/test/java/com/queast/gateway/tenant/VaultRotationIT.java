package com.queast.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Audit finding 7 (issue 12): key ids in blobs, old keys open only, re-encryption by endpoint. */
@ExtendWith(PostgresExtension.class)
class VaultRotationIT {

  @Test
  void rotationReEncryptsEveryBlobUnderTheNewKey(TestDatabase db) throws Exception {
    byte[] oldKey = Base64.getDecoder().decode(TestDatabase.VAULT_KEY);
    byte[] newKey = new byte[32];
    new java.security.SecureRandom().nextBytes(newKey);
    JsonObject secret = new JsonObject().put("apiToken", "pd-secret-123");
    try (TestGateway gw = TestGateway.start(db, Map.of())) {
      gw.http().put("/v1/tenants/rot", new JsonObject().put("name", "Rotation"));
    }
    UUID id = UUID.randomUUID();
    byte[] oldBlob = new CredentialVault("k1", oldKey, Map.of()).seal(id.toString(), secret);
    try (var c = DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), "");
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO connections (id, tenant_id, crm, auth_type, status, credentials)"
                    + " VALUES (?, 'rot', 'pipedrive', 'api_token', 'active', ?)")) {
      s.setObject(1, id);
      s.setBytes(2, oldBlob);
      s.executeUpdate();
    }
    String newB64 = Base64.getEncoder().encodeToString(newKey);
    try (TestGateway gw =
        TestGateway.start(
            db,
            Map.of(
                "GATEWAY_VAULT_KEY",
                newB64,
                "GATEWAY_VAULT_KEY_ID",
                "k2",
                "GATEWAY_VAULT_PREVIOUS_KEYS",
                "k1:" + TestDatabase.VAULT_KEY))) {
      JsonObject first = gw.http().post("/v1/admin/vault/rotate", new JsonObject()).json();
      assertThat(first.getInteger("resealed")).isEqualTo(1);
      assertThat(first.getString("keyId")).isEqualTo("k2");
      JsonObject again = gw.http().post("/v1/admin/vault/rotate", new JsonObject()).json();
      assertThat(again.getInteger("resealed")).isZero();
      assertThat(again.getInteger("current")).isEqualTo(1);
    }
    byte[] stored;
    try (var c = DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), "");
        PreparedStatement s =
            c.prepareStatement("SELECT credentials FROM connections WHERE id = ?")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        stored = rs.getBytes(1);
      }
    }
    assertThat(new CredentialVault("k2", newKey, Map.of()).open(id.toString(), stored))
        .isEqualTo(secret);
  }
}
