package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiContractTest {

  @Test
  void theContractParsesAndDescribesEveryRouteAndTheRecordShapes() throws Exception {
    JsonNode doc =
        new ObjectMapper(new YAMLFactory())
            .readTree(OpenApiContractTest.class.getResourceAsStream("/openapi.yaml"));
    assertThat(doc.path("openapi").asText()).startsWith("3.1");
    List<String> paths = new ArrayList<>();
    doc.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/v1/tenants/{tenantId}",
            "/v1/tenants/{tenantId}/companies/{recordId}",
            "/v1/tenants/{tenantId}/people/{recordId}",
            "/v1/tenants/{tenantId}/signals/{recordId}",
            "/v1/tenants/{tenantId}/companies:batch",
            "/v1/tenants/{tenantId}/people:batch",
            "/v1/tenants/{tenantId}/signals:batch",
            "/v1/tenants/{tenantId}/connections",
            "/v1/tenants/{tenantId}/connections/{connectionId}/mapping",
            "/v1/tenants/{tenantId}/matches",
            "/v1/tenants/{tenantId}/deliveries",
            "/v1/oauth/{crm}/callback",
            "/v1/webhooks/hubspot",
            "/v1/webhooks/pipedrive",
            "/v1/tenants/{tenantId}/inbound-events",
            "/v1/tenants/{tenantId}/connections/{connectionId}/pull");
    JsonNode schemas = doc.path("components").path("schemas");
    assertThat(schemas.path("Company").path("required").toString()).contains("name");
    assertThat(schemas.path("Signal").path("required").toString())
        .contains("companyId", "type", "title", "occurredAt");
    assertThat(schemas.path("Person").path("properties").has("companyId")).isTrue();
  }
}
