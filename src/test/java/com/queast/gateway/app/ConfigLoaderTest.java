package com.queast.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsComeFromGatewayYaml() {
    GatewayConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.connectors().get("hubspot").get("requestsPerWindow")).isEqualTo(110);
    assertThat(c.queue().leaseMs()).isEqualTo(60_000);
  }

  @Test
  void everyKeyHasAnEnvironmentOverride() {
    assertThat(ConfigLoader.envName("http.port")).isEqualTo("GATEWAY_HTTP_PORT");
    assertThat(ConfigLoader.envName("pg.url")).isEqualTo("GATEWAY_PG_URL");
    assertThat(ConfigLoader.envName("admin.token")).isEqualTo("GATEWAY_ADMIN_TOKEN");
    assertThat(ConfigLoader.envName("connectors.hubspot.apiUrl"))
        .isEqualTo("GATEWAY_HUBSPOT_API_URL");
    assertThat(ConfigLoader.envName("connectors.pipedrive.authUrl"))
        .isEqualTo("GATEWAY_PIPEDRIVE_AUTH_URL");
    GatewayConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "GATEWAY_HTTP_PORT", "9999",
                "GATEWAY_HUBSPOT_API_URL", "http://127.0.0.1:8091",
                "GATEWAY_PG_CREATE_DATABASE", "false",
                "GATEWAY_HUBSPOT_PACING_HEADROOM", "0.5"));
    assertThat(c.http().port()).isEqualTo(9999);
    assertThat(c.connectors().get("hubspot").get("apiUrl")).isEqualTo("http://127.0.0.1:8091");
    assertThat(c.pg().createDatabase()).isFalse();
    assertThat(c.connectors().get("hubspot").get("pacingHeadroom")).isEqualTo(0.5);
    assertThat(ConfigLoader.keyPaths())
        .contains("http.port", "connectors.hubspot.apiUrl", "queue.leaseMs");
  }

  @Test
  void aWrongTypedOverrideNamesTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_HTTP_PORT", "eighty")))
        .hasMessageContaining("GATEWAY_HTTP_PORT");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_PG_CREATE_DATABASE", "maybe")))
        .hasMessageContaining("GATEWAY_PG_CREATE_DATABASE");
  }

  @Test
  void anOverlayFileMayOnlyUseKnownKeys(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, "http:\n  port: 7000\n");
    assertThat(ConfigLoader.load(ok, Map.of()).http().port()).isEqualTo(7000);
    assertThat(ConfigLoader.load(ok, Map.of("GATEWAY_HTTP_PORT", "7001")).http().port())
        .isEqualTo(7001);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "http:\n  prot: 7000\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of())).hasMessageContaining("http.prot");
  }

  @Test
  void aConnectorSectionKeepsItsOldSpellingsAndTakesThePrefixedVariableToo(@TempDir Path dir)
      throws Exception {
    Path legacy = dir.resolve("legacy.yaml");
    Files.writeString(legacy, "pipedrive:\n  seats: 7\n");
    GatewayConfig c =
        ConfigLoader.load(legacy, Map.of("GATEWAY_CONNECTORS_HUBSPOT_WINDOW_MS", "5000"));
    assertThat(c.connectors().get("pipedrive").get("seats")).isEqualTo(7);
    assertThat(((Number) c.connectors().get("hubspot").get("windowMs")).longValue())
        .isEqualTo(5000L);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "pipedrive:\n  sets: 7\n");
    assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of()))
        .hasMessageContaining("connectors.pipedrive.sets");
  }

  @Test
  void aPluggedInConnectorTakesItsSectionFromTheFileAsGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plugin.yaml");
    Files.writeString(file, "connectors:\n  acme:\n    apiUrl: http://127.0.0.1:1\n");
    assertThat(ConfigLoader.load(file, Map.of()).connectors().get("acme").get("apiUrl"))
        .isEqualTo("http://127.0.0.1:1");
  }
}
