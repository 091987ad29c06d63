package com.queast.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator console is served without data and with a strict content security policy, only from
 * its own folder, and its script calls only routes the API has.
 */
@ExtendWith(PostgresExtension.class)
class ConsoleIT {

  @Test
  void theConsoleIsAStaticPageWithAStrictPolicyOverTheApi(TestDatabase db) {
    try (TestGateway gw = TestGateway.start(db, Map.of())) {
      Http anonymous = gw.anonymous();
      Http.Res page = anonymous.get("/console/");
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.body()).contains("Review queue").contains("console.js");
      assertThat(page.header("Content-Security-Policy"))
          .contains("script-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");

      Http.Res script = anonymous.get("/console/console.js");
      assertThat(script.status()).isEqualTo(200);
      assertThat(script.contentType()).contains("javascript");
      // It renders with textContent only and calls the API's own routes.
      assertThat(script.body()).doesNotContain("innerHTML");
      for (String route :
          new String[] {
            "/connections", "/matches?state=", "/confirm", "/reject", "/relink", "/deliveries?"
          }) {
        assertThat(script.body()).contains(route);
      }
      // The page itself holds no data: the API behind it still wants the token.
      assertThat(anonymous.get("/v1/tenants/acme/matches").status()).isEqualTo(401);
      assertThat(anonymous.get("/console/../gateway.yaml").status()).isEqualTo(404);
      assertThat(anonymous.get("/console/%2e%2e/gateway.yaml").status()).isEqualTo(404);
    }
  }
}
