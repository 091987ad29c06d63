package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full volume of issue 5 (5,000 organizations, 10,000 persons, 10,000 Signals) with 20%
 * injected faults (2% 429, 6% 500, 6% reset, 6% committed then dropped) over real HTTP: every
 * record in Pipedrive exactly once by {@code queast_id} (notes by their marker), no dead job, no
 * 403, the daily budget respected. OAuth, Premium, 3 seats (450,000 tokens; the retries' searches
 * and note listings need more than the clean run's 2 seats). Writes {@code
 * target/bench/pipedrive-faults.json}. Runs in the Maven {@code bench} profile only: {@code ./mvnw
 * -o -Pbench verify -Dit.test=PipedriveFaultBench}.
 */
@ExtendWith(PostgresExtension.class)
class PipedriveFaultBench {

  @Test
  void fullVolumeFaultRunEndsWithEveryRecordExactlyOnce(TestDatabase db) throws Exception {
    try (PipedriveFixture fx = new PipedriveFixture(db, Map.of("GATEWAY_PIPEDRIVE_SEATS", "3"))) {
      JsonObject figures = PipedriveDeliveryIT.faultRun(fx, Plan.PREMIUM, 3, 5_000, 10_000, 10_000);
      Path dir = Path.of(System.getProperty("bench.out", "target/bench"));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("pipedrive-faults.json"), figures.encodePrettily());
      System.out.println(figures.encodePrettily());
    }
  }
}
