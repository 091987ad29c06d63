package com.queast.gateway.connector;

import com.queast.gateway.record.QueastRecord;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Before a Queast record's first write to a connection, finds the CRM record it already is
 * (identity matching with a review queue). Connectors call it for records that have no delivered
 * state yet and write to the CRM id it returns instead of creating a new record.
 */
public interface IdentityResolver {

  /** What to do with a record that was never delivered to this connection. */
  enum Action {
    /** Create a new CRM record. */
    CREATE,
    /** Write to the existing CRM record {@code crmId}. */
    LINK,
    /** A person must decide first (review queue); snooze the job. */
    WAIT_FOR_REVIEW
  }

  /**
   * The decision for one record.
   *
   * @param action what to do
   * @param crmId the CRM record to write to when {@code LINK}
   * @param evidence why (strategy, score, fields that agreed/disagreed), for logs and the review
   *     queue
   */
  record Resolution(Action action, String crmId, JsonObject evidence) {

    /** Create, no match considered. */
    public static final Resolution CREATE = new Resolution(Action.CREATE, null, new JsonObject());

    /** Evidence reason of a record that waits because the CRM index is still being built. */
    public static final String INDEX_BUILDING = "index_building";

    /**
     * A wait while the connection's CRM index is being built.
     *
     * @param retryInSeconds when to ask again
     * @return the resolution
     */
    public static Resolution waitForIndex(int retryInSeconds) {
      return new Resolution(
          Action.WAIT_FOR_REVIEW,
          null,
          new JsonObject().put("reason", INDEX_BUILDING).put("retryInSeconds", retryInSeconds));
    }

    /**
     * Whether the record waits because the CRM index is still being built (not for a review).
     *
     * @return true while indexing
     */
    public boolean indexBuilding() {
      return evidence != null && INDEX_BUILDING.equals(evidence.getString("reason"));
    }

    /**
     * How long the resolver asks the record to wait, when it says.
     *
     * @return the wait, or empty
     */
    public java.util.Optional<java.time.Duration> retryAfter() {
      Integer seconds = evidence == null ? null : evidence.getInteger("retryInSeconds");
      return seconds == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(java.time.Duration.ofSeconds(seconds));
    }
  }

  /**
   * Resolves one record.
   *
   * @param connection the target connection
   * @param record the Queast record about to be written for the first time
   * @return a Uni emitting the decision; never fails for a "no match" (that is {@link
   *     Resolution#CREATE})
   */
  Uni<Resolution> resolve(Connection connection, QueastRecord record);

  /**
   * Resolves the records of one batch of one connection. Resolvers backed by a database answer with
   * a fixed number of statements whatever the batch size (the vendor is the bottleneck, never the
   * gateway); the default asks {@link #resolve} once per record.
   *
   * @param connection the target connection
   * @param records the records about to be written for the first time
   * @return a Uni emitting one decision per record, in the same order
   */
  default Uni<java.util.List<Resolution>> resolveAll(
      Connection connection, java.util.List<QueastRecord> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().item(java.util.List.of());
    }
    java.util.List<Uni<Resolution>> each = new java.util.ArrayList<>();
    for (QueastRecord r : records) {
      each.add(resolve(connection, r));
    }
    return Uni.join().all(each).andFailFast();
  }

  /**
   * One record written to the CRM.
   *
   * @param record what was written
   * @param crmObjectType the CRM object type written
   * @param crmId the CRM id written
   * @param properties the properties sent
   */
  record Write(QueastRecord record, String crmObjectType, String crmId, JsonObject properties) {}

  /**
   * Told after a batch's writes, so the local index of the CRM stays fresh without a re-pull; one
   * statement per batch in resolvers backed by a database. The default tells {@link #written} once
   * per write.
   *
   * @param connection the connection
   * @param writes what was written
   * @return a Uni completing when recorded
   */
  default Uni<Void> writtenAll(Connection connection, java.util.List<Write> writes) {
    if (writes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    java.util.List<Uni<Void>> each = new java.util.ArrayList<>();
    for (Write w : writes) {
      each.add(written(connection, w.record(), w.crmObjectType(), w.crmId(), w.properties()));
    }
    return Uni.join().all(each).andCollectFailures().replaceWithVoid();
  }

  /**
   * Told after a write so the local index of the CRM stays fresh without a re-pull.
   *
   * @param connection the connection
   * @param record what was written
   * @param crmObjectType the CRM object type written
   * @param crmId the CRM id written
   * @param properties the properties sent
   * @return a Uni completing when recorded
   */
  default Uni<Void> written(
      Connection connection,
      QueastRecord record,
      String crmObjectType,
      String crmId,
      JsonObject properties) {
    return Uni.createFrom().voidItem();
  }

  /**
   * No identity matching configured: every never-delivered record is created (HubSpot's upsert
   * still dedupes).
   */
  IdentityResolver NONE = (connection, record) -> Uni.createFrom().item(Resolution.CREATE);
}
