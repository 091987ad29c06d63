package com.queast.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.common.GatewayException;
import org.junit.jupiter.api.Test;

/** Audit finding 2 (issue 12): a connection's statusReason never shows Java internals. */
class StatusReasonTest {

  @Test
  void javaExceptionTextNeverReachesTheStatusReason() {
    Throwable cast =
        new ClassCastException(
            "class java.util.LinkedHashMap cannot be cast to class io.vertx.core.json.JsonObject");
    assertThat(ConnectionService.publicReason(cast))
        .doesNotContain("java.")
        .doesNotContain("LinkedHashMap")
        .contains("unexpected error");
  }

  @Test
  void theGatewaysOwnErrorsKeepTheirMessage() {
    assertThat(
            ConnectionService.publicReason(
                new GatewayException("upstream", 502, "Pipedrive answered HTTP 302")))
        .isEqualTo("Pipedrive answered HTTP 302");
  }
}
