package com.queast.gateway.connector;

import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.jobqueue.JobKinds;
import com.queast.gateway.jobqueue.JobState;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.record.QueastRecord;
import com.queast.gateway.tenant.Connection;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Delivery items built from a contract fixture record ({@code {type, id, data}}). */
final class ContractRecords {

  private ContractRecords() {}

  static DeliveryItem item(long jobId, Connection c, JsonObject fixture) {
    String type = fixture.getString("type");
    String id = fixture.getString("id");
    JsonObject data = fixture.getJsonObject("data");
    String hash = Integer.toHexString(data.encode().hashCode());
    Instant now = Instant.now();
    Job job =
        new Job(
            jobId,
            c.tenantId(),
            c.id(),
            c.lane(),
            JobKinds.DELIVER,
            type,
            id,
            hash,
            new JsonObject(),
            JobState.RUNNING,
            1,
            12,
            0,
            now,
            now,
            null);
    return new DeliveryItem(
        job, new QueastRecord(c.tenantId(), type, id, data, hash, 1, now), null);
  }
}
