package com.queast.gateway.connector.hubspot;

import com.queast.gateway.support.BenchOutput;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4's fault run at full volume: 10,000 companies, 20,000 contacts and 20,000 Signals with 20
 * % injected faults (429s, 5xx, resets, committed-then-dropped answers) end with every record in
 * HubSpot exactly once, no dead job and no 429 from HubSpot's own window. About 11 minutes (every
 * injected 429 pauses the lane for HubSpot's 10-second window), so it runs in the {@code bench}
 * profile: {@code ./mvnw -o -Pbench verify -Dit.test=HubSpotFaultBench}; figures in {@code
 * target/bench/hubspot-faults.json}.
 */
@ExtendWith(PostgresExtension.class)
class HubSpotFaultBench {

  @Test
  void fiftyThousandRecordsUnderTwentyPercentFaultsLandExactlyOnce(TestDatabase db) {
    try (HubSpotHarness h = HubSpotVolumeIT.harness(db)) {
      BenchOutput.write(
          "hubspot-faults",
          HubSpotVolumeIT.faultRun(h, db, 10_000, 20_000, 20_000, Duration.ofMinutes(20)));
    }
  }
}
