package com.queast.gateway.connector.hubspot;

import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gateway and a HubSpot sandbox at the published limits for each test, on a database emptied
 * first; the set-up the connector's integration tests share.
 */
@ExtendWith(PostgresExtension.class)
abstract class HubSpotHarnessTest {

  /** Gateway, sandbox and helpers. */
  HubSpotHarness h;

  /** The test class's database. */
  TestDatabase db;

  @BeforeEach
  void startHarness(TestDatabase database) {
    db = database;
    h = fresh(db, HubSpotSandboxOptions.builder(), Map.of());
  }

  @AfterEach
  void stopHarness() {
    h.close();
  }

  /**
   * Empties the gateway's tables and starts a gateway with a sandbox.
   *
   * @param db database
   * @param options sandbox options
   * @param env further gateway settings
   * @return the harness
   */
  static HubSpotHarness fresh(
      TestDatabase db, HubSpotSandboxOptions.Builder options, Map<String, String> env) {
    db.exec("TRUNCATE tenants, jobs, lanes, delivery_log, idempotency_keys CASCADE");
    return new HubSpotHarness(db, options, env);
  }

  /**
   * A client of the sandbox with the portal's private-app token.
   *
   * @param p portal
   * @return client
   */
  Http crm(Portal p) {
    return new Http(h.sandbox.baseUrl(), p.privateAppToken());
  }
}
