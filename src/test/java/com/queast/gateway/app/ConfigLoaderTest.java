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
    assertThat(c.hubspot().requestsPerWindow()).isEqualTo(110);
    assertThat(c.queue().leaseMs()).isEqualTo(60_000);
  }

  @Test
  void everyKeyHasAnEnvironmentOverride() {
    assertThat(ConfigLoader.envName("http.port")).isEqualTo("GATEWAY_HTTP_PORT");
    assertThat(ConfigLoader.envName("pg.url")).isEqualTo("GATEWAY_PG_URL");
    assertThat(ConfigLoader.envName("admin.token")).isEqualTo("GATEWAY_ADMIN_TOKEN");
    assertThat(ConfigLoader.envName("hubspot.apiUrl")).isEqualTo("GATEWAY_HUBSPOT_API_URL");
    assertThat(ConfigLoader.envName("pipedrive.authUrl")).isEqualTo("GATEWAY_PIPEDRIVE_AUTH_URL");
    GatewayConfig c =
        ConfigLoader.load(
            null,
            Map.of(
                "GATEWAY_HTTP_PORT", "9999",
                "GATEWAY_HUBSPOT_API_URL", "http://127.0.0.1:8091",
                "GATEWAY_PG_CREATE_DATABASE", "false",
                "GATEWAY_HUBSPOT_PACING_HEADROOM", "0.5"));
    assertThat(c.http().port()).isEqualTo(9999);
    assertThat(c.hubspot().apiUrl()).isEqualTo("http://127.0.0.1:8091");
    assertThat(c.pg().createDatabase()).isFalse();
    assertThat(c.hubspot().pacingHeadroom()).isEqualTo(0.5);
    assertThat(ConfigLoader.keyPaths()).contains("http.port", "hubspot.apiUrl", "queue.leaseMs");
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
}
