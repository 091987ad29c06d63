package com.queast.gateway.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotSandboxOptionsTest {

  @Test
  void defaultsAreTheDocumentedHubSpotNumbers() {
    HubSpotSandboxOptions o = HubSpotSandboxOptions.defaults();
    assertThat(o.port()).isEqualTo(8091);
    assertThat(o.oauthTier().perTenSeconds()).isEqualTo(110);
    assertThat(o.privateAppTier()).isEqualTo(RateTier.FREE_STARTER);
    assertThat(o.searchPerSecond()).isEqualTo(5);
    assertThat(o.accessTokenTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(o.webhookRetrySchedule()).hasSize(10);
    assertThat(o.webhookMaxBatch()).isEqualTo(100);
  }

  @Test
  void flagsOverrideSingleSettings() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("--port", "0");
    flags.put("private-app-tier", "PROFESSIONAL");
    flags.put("oauth-tier", "7/10s");
    flags.put("rotate-refresh-tokens", "true");
    flags.put("webhook-legacy-signature", "v2");
    flags.put("app-scopes", "oauth crm.objects.contacts.read");
    HubSpotSandboxOptions o = HubSpotSandboxOptions.fromFlags(flags);
    assertThat(o.port()).isZero();
    assertThat(o.privateAppTier().perTenSeconds()).isEqualTo(190);
    assertThat(o.privateAppTier().perDay()).isEqualTo(625_000);
    assertThat(o.oauthTier().perTenSeconds()).isEqualTo(7);
    assertThat(o.rotateRefreshTokens()).isTrue();
    assertThat(o.webhookLegacySignature()).isEqualTo("v2");
    assertThat(o.appScopes()).containsExactlyInAnyOrder("oauth", "crm.objects.contacts.read");
  }

  @Test
  void unknownFlagsAndBadValuesAreRejected() {
    assertThatThrownBy(() -> HubSpotSandboxOptions.fromFlags(Map.of("colour", "red")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> HubSpotSandboxOptions.fromFlags(Map.of("port", "abc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(
            () -> HubSpotSandboxOptions.fromFlags(Map.of("unique-conflict-status", "418")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
