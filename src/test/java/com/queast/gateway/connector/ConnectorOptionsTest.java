package com.queast.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.queast.gateway.connector.hubspot.HubSpotOptions;
import com.queast.gateway.connector.pipedrive.PipedriveOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Connector options are bound inside the connector from their configuration section. */
class ConnectorOptionsTest {

  @Test
  void aSectionBindsToTheConnectorsRecordAndAnUnknownKeyNamesTheConnector() {
    PipedriveOptions p =
        PipedriveOptions.from(
            new JsonObject().put("seats", 3).put("pacingHeadroom", 0.8).put("clientId", "x"));
    assertThat(p.seats()).isEqualTo(3);
    assertThat(p.pacingHeadroom()).isEqualTo(0.8);
    assertThat(p.clientId()).isEqualTo("x");
    assertThatThrownBy(() -> HubSpotOptions.from(new JsonObject().put("apiUrll", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectors.hubspot")
        .hasMessageContaining("apiUrll");
  }
}
