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

  @Test
  void configuredKeysMustBe32BytesOfBase64() {
    String good = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(CredentialVault.fromConfig(good, "x")).isNotNull();
    assertThatThrownBy(() -> CredentialVault.fromConfig("not base64!", "x"))
        .hasMessageContaining("GATEWAY_VAULT_KEY");
    assertThatThrownBy(
            () -> CredentialVault.fromConfig(Base64.getEncoder().encodeToString(new byte[16]), "x"))
        .hasMessageContaining("32 bytes");
  }
}
