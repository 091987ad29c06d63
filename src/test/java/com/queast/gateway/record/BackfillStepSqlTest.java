package com.queast.gateway.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.inbound.InboundStore;
import com.queast.gateway.jobqueue.JobStore;
import org.junit.jupiter.api.Test;

/**
 * The backfill's one-statement page writes jobs itself, so its coalescing must stay the queue's:
 * the {@code ON CONFLICT ... DO UPDATE} of {@code backfill-step} is the text of {@code enqueue}.
 */
class BackfillStepSqlTest {

  @Test
  void theBackfillStepCoalescesExactlyAsEnqueueDoes() {
    String enqueue = conflictClause(JobStore.SQL.get("enqueue"));
    String step = conflictClause(RecordStore.SQL.get("backfill-step"));
    assertThat(enqueue).contains("DO UPDATE SET content_hash = EXCLUDED.content_hash");
    assertThat(step).isEqualTo(enqueue);
  }

  @Test
  void theOneStatementIngestCoalescesExactlyAsEnqueueDoes() {
    String enqueue = conflictClause(JobStore.SQL.get("enqueue"));
    String ingest = conflictClause(RecordStore.SQL.get("ingest"));
    assertThat(ingest).isEqualTo(enqueue);
  }

  @Test
  void webhookReceiptCoalescesExactlyAsEnqueueDoes() {
    String enqueue = conflictClause(JobStore.SQL.get("enqueue"));
    String receipt = conflictClause(InboundStore.SQL.get("insert-events"));
    assertThat(receipt).isEqualTo(enqueue);
  }

  private static String conflictClause(String sql) {
    int from = sql.indexOf("ON CONFLICT (connection_id, kind, record_type, record_id)");
    int to = sql.indexOf("RETURNING", from);
    assertThat(to).isPositive();
    assertThat(from).isNotNegative();
    return sql.substring(from, to).replaceAll("\\s+", " ").trim();
  }
}
