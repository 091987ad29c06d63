package com.queast.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialVaultTest {

  private final CredentialVault vault = new CredentialVault(new byte[32]);
  private final JsonObject secret = new JsonObject().put("refreshToken", "rt-very-secret");

  @Test
  void sealedCredentialsRoundTripAndHideThePlaintext() {
    byte[] blob = vault.seal("conn-1", secret);
    assertThat(new String(blob, StandardCharsets.ISO_8859_1)).doesNotContain("rt-very-secret");
    assertThat(vault.open("conn-1", blob)).isEqualTo(secret);
    assertThat(vault.seal("conn-1", secret)).isNotEqualTo(blob);
  }

  @Test
  void aBlobDoesNotOpenForAnotherConnectionOrKeyOrAfterTampering() {
    byte[] blob = vault.seal("conn-1", secret);
    assertThatThrownBy(() -> vault.open("conn-2", blob)).isInstanceOf(IllegalStateException.class);
    byte[] k = new byte[32];
    k[0] = 1;
    assertThatThrownBy(() -> new CredentialVault(k).open("conn-1", blob))
        .isInstanceOf(IllegalStateException.class);
    byte[] tampered = blob.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> vault.open("conn-1", tampered))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> vault.open("conn-1", new byte[3]))
        .isInstanceOf(IllegalStateException.class);
  }

  private static CredentialVault.Settings key(String base64) {
    return new CredentialVault.Settings(base64, "k1", "", false);
  }

  @Test
  void configuredKeysMustBe32BytesOfBase64() {
    String good = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(CredentialVault.fromConfig(key(good), "x")).isNotNull();
    assertThatThrownBy(() -> CredentialVault.fromConfig(key("not base64!"), "x"))
        .hasMessageContaining("GATEWAY_VAULT_KEY");
    assertThatThrownBy(
            () ->
                CredentialVault.fromConfig(
                    key(Base64.getEncoder().encodeToString(new byte[16])), "x"))
        .hasMessageContaining("32 bytes");
  }

  @Test
  void withoutAKeyTheVaultRefusesUnlessDevelopmentModeIsExplicit() {
    assertThatThrownBy(() -> CredentialVault.fromConfig(key(""), "admin-token"))
        .hasMessageContaining("GATEWAY_VAULT_KEY is required");
    CredentialVault dev =
        CredentialVault.fromConfig(new CredentialVault.Settings("", "k1", "", true), "admin-token");
    assertThat(dev.currentKeyId()).isEqualTo("dev");
  }

  @Test
  void rotationKeepsOldKeysForOpeningAndTellsWhichBlobsToRewrite() {
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    k2[0] = 7;
    CredentialVault before = new CredentialVault("k1", k1, java.util.Map.of());
    byte[] old = before.seal("conn-1", secret);
    assertThat(before.sealedWithCurrent(old)).isTrue();
    String b64k1 = Base64.getEncoder().encodeToString(k1);
    CredentialVault after =
        CredentialVault.fromConfig(
            new CredentialVault.Settings(
                Base64.getEncoder().encodeToString(k2), "k2", "k1:" + b64k1, false),
            "x");
    assertThat(after.open("conn-1", old)).isEqualTo(secret);
    assertThat(after.sealedWithCurrent(old)).isFalse();
    byte[] resealed = after.seal("conn-1", after.open("conn-1", old));
    assertThat(after.sealedWithCurrent(resealed)).isTrue();
    assertThatThrownBy(() -> before.open("conn-1", resealed)).hasMessageContaining("vault key k2");
    CredentialVault withoutOld = new CredentialVault("k2", k2, java.util.Map.of());
    assertThatThrownBy(() -> withoutOld.open("conn-1", old)).hasMessageContaining("vault key k1");
  }
}
