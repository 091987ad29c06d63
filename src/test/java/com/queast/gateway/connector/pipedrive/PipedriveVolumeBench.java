package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full volume of issue 5 (5,000 organizations, 10,000 persons, 10,000 Signals) over real HTTP,
 * with the IT's assertions: no 429, no 403, the daily budget respected (Premium, 2 seats: 270,000
 * tokens after the 0.9 headroom), one token refresh mid-run, every record exactly once. Runs in the
 * Maven {@code bench} profile only: {@code ./mvnw -o -Pbench verify
 * -Dit.test=PipedriveVolumeBench}.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveVolumeBench {

  @Test
  void fullVolumeRunWithinBurstAndBudget(TestDatabase db) throws Exception {
    try (PipedriveFixture fx = new PipedriveFixture(db, Map.of("GATEWAY_PIPEDRIVE_SEATS", "2"))) {
      PipedriveDeliveryIT.cleanRun(fx, Plan.PREMIUM, 2, 5_000, 10_000, 10_000);
    }
  }
}
