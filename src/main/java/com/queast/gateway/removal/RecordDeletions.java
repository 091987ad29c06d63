package com.queast.gateway.removal;

import com.queast.gateway.common.GatewayException;
import com.queast.gateway.db.SqlStatements;
import com.queast.gateway.jobqueue.JobStore;
import com.queast.gateway.jobqueue.NewJob;
import com.queast.gateway.record.Lanes;
import com.queast.gateway.record.QueastRecord;
import com.queast.gateway.record.RecordStore;
import com.queast.gateway.record.RecordType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes Queast records (issue 16). A deletion is the record's newest version (content hash {@link
 * QueastRecord#DELETED_HASH}): it is committed with one delivery job per connection in one
 * transaction, so it reaches each CRM through the same queue as any change (retries, latest wins,
 * delivery log, replay), and each connector applies its mapping's delete policy. A later write of
 * the same id is a new version that replaces the deletion.
 */
public final class RecordDeletions {

  /** The statement file, for start-up verification. */
  public static final SqlStatements SQL = SqlStatements.load("/sql/removal.sql");

  private final Pool pool;
  private final JobStore jobs;
  private final RecordStore records;
  private final Clock clock;

  /**
   * Deletions.
   *
   * @param pool the (tenant-scoped) pool
   * @param jobs job queue
   * @param records record store (job shape, delivery targets)
   * @param clock time source
   */
  public RecordDeletions(Pool pool, JobStore jobs, RecordStore records, Clock clock) {
    this.pool = pool;
    this.jobs = jobs;
    this.records = records;
    this.clock = clock;
  }

  /**
   * Marks a record deleted and enqueues its deletion for every connection, in one transaction.
   * Idempotent: a record already deleted enqueues nothing.
   *
   * @param tenantId tenant
   * @param type record type
   * @param id record id
   * @return a Uni emitting what happened; fails with a 404 {@link GatewayException} when the tenant
   *     has no such record
   */
  public Uni<Deleted> delete(String tenantId, RecordType type, String id) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return pool.withTransaction(
        tx ->
            tx.preparedQuery(SQL.get("mark-deleted"))
                .execute(Tuple.of(tenantId, type.label(), id, now))
                .chain(
                    marked -> {
                      if (marked.size() == 0) {
                        return already(tx, tenantId, type, id);
                      }
                      long version = marked.iterator().next().getLong("version");
                      return tx.preparedQuery(SQL.get("forget-matches"))
                          .execute(Tuple.of(tenantId, type.label(), id))
                          .chain(() -> enqueue(tx, tenantId, type, id))
                          .map(n -> new Deleted(id, type, false, version, n));
                    }));
  }

  private Uni<Deleted> already(SqlClient tx, String tenantId, RecordType type, String id) {
    return tx.preparedQuery(SQL.get("record-state"))
        .execute(Tuple.of(tenantId, type.label(), id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                throw GatewayException.notFound(type.label(), id);
              }
              Row r = rows.iterator().next();
              return new Deleted(id, type, true, r.getLong("version"), 0);
            });
  }

  private Uni<Integer> enqueue(SqlClient tx, String tenantId, RecordType type, String id) {
    return tx.preparedQuery(RecordStore.SQL.get("delivery-targets"))
        .execute(
            Tuple.of(
                tenantId,
                new String[] {type.label()},
                new String[] {id},
                new String[] {QueastRecord.DELETED_HASH}))
        .chain(
            rows -> {
              List<NewJob> out = new ArrayList<>();
              for (Row r : rows) {
                out.add(
                    records.deliverJob(
                        tenantId,
                        r.getUUID("connection_id"),
                        Lanes.of(r.getString("crm"), r.getString("account_id")),
                        type.label(),
                        id,
                        QueastRecord.DELETED_HASH));
              }
              return jobs.enqueue(tx, out).map(List::size);
            });
  }

  /**
   * The answer to a delete.
   *
   * @param id record id
   * @param type record type
   * @param alreadyDeleted true when the record was deleted before (nothing enqueued)
   * @param version the record's version (the deletion's)
   * @param jobsEnqueued deletion jobs written, one per connection
   */
  public record Deleted(
      String id, RecordType type, boolean alreadyDeleted, long version, int jobsEnqueued) {}
}
