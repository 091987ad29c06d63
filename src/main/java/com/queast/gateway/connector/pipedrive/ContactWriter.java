package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.IdentityResolver;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.jobqueue.Job;
import com.queast.gateway.record.DeliveryItem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Writes one organization or person without ever creating a duplicate, although Pipedrive has no
 * upsert: the local link ({@code previous}) first, then the identity matcher, then an exact search
 * by the {@code queast_id} custom field before any create that follows an ambiguous failure (a
 * retried job) and, when the search budget is idle, before a first create too. Identity matching is
 * asked for the whole batch beforehand ({@link BatchDelivery}) and the index is told of the phase's
 * writes in one statement.
 */
final class ContactWriter {

  private final IdentityResolver identity;

  ContactWriter(IdentityResolver identity) {
    this.identity = identity;
  }

  /**
   * Writes a record.
   *
   * @param scope the connection
   * @param item the job and record
   * @param kind organization or person
   * @param body the v2 body
   * @return a Uni emitting the result; failures are turned into results by the caller
   */
  Uni<ItemResult> write(
      ConnectionScope scope,
      DeliveryItem item,
      ContactKind kind,
      JsonObject body,
      IdentityResolver.Resolution resolved) {
    if (!needsIdentity(item, kind)) {
      return update(scope, item, kind, body, item.previous().crmId(), true);
    }
    Uni<IdentityResolver.Resolution> resolution =
        resolved != null
            ? Uni.createFrom().item(resolved)
            : identity.resolve(scope.connection(), item.record());
    return resolution.chain(
        res ->
            switch (res.action()) {
              case LINK -> update(scope, item, kind, body, res.crmId(), true);
              case WAIT_FOR_REVIEW -> Uni.createFrom().item(waitForMatching(item, res));
              case CREATE -> findOrCreate(scope, item, kind, body);
            });
  }

  /**
   * Whether the record has no delivered CRM record of this kind yet, so identity matching decides
   * where it goes.
   *
   * @param item the job and record
   * @param kind organization or person
   * @return true when identity matching is asked
   */
  static boolean needsIdentity(DeliveryItem item, ContactKind kind) {
    return item.previous() == null
        || item.previous().crmId() == null
        || !kind.objectType().equals(item.previous().crmObjectType());
  }

  /**
   * A record identity matching cannot decide yet: while the CRM index is (re)built it waits as long
   * as the resolver says (seconds), for a review item ten minutes (a decision makes it due at
   * once). Before, an index rebuild after a re-authorisation parked every new record for ten
   * minutes.
   */
  private static ItemResult waitForMatching(DeliveryItem item, IdentityResolver.Resolution res) {
    Duration wait = res.retryAfter().orElse(Duration.ofMinutes(10));
    return res.indexBuilding()
        ? Results.snooze(
            item.job(), "index_building", "the CRM index is being built; matching waits", wait)
        : Results.snooze(
            item.job(), "waiting_for_review", "a possible match waits for review", wait);
  }

  private Uni<ItemResult> update(
      ConnectionScope scope,
      DeliveryItem item,
      ContactKind kind,
      JsonObject body,
      String crmId,
      boolean fallBackToCreate) {
    return ContactsApi.update(scope.session(), kind, crmId, body)
        .chain(
            r -> {
              if (r.ok()) {
                return done(scope, item, kind, r, crmId, body);
              }
              if (r.status() == 404 && fallBackToCreate) {
                return findOrCreate(scope, item, kind, body);
              }
              return Uni.createFrom().item(Results.failed(item.job(), r));
            });
  }

  private Uni<ItemResult> findOrCreate(
      ConnectionScope scope, DeliveryItem item, ContactKind kind, JsonObject body) {
    Job job = item.job();
    boolean mustSearch = job.attempt() > 1;
    if (!mustSearch && !scope.session().searchIsIdle()) {
      return create(scope, item, kind, body);
    }
    return ContactsApi.searchByCustomField(scope.session(), kind, item.record().id())
        .chain(
            r -> {
              if (!r.ok()) {
                if (mustSearch) {
                  return Uni.createFrom().item(Results.failed(job, r));
                }
                return create(scope, item, kind, body);
              }
              List<Long> ids = ContactsApi.ids(r);
              if (ids.isEmpty()) {
                return create(scope, item, kind, body);
              }
              return update(scope, item, kind, body, String.valueOf(ids.get(0)), false);
            });
  }

  private Uni<ItemResult> create(
      ConnectionScope scope, DeliveryItem item, ContactKind kind, JsonObject body) {
    return ContactsApi.create(scope.session(), kind, body)
        .chain(
            r -> {
              if (r.ok() && r.data() != null && r.data().getValue("id") != null) {
                return done(scope, item, kind, r, String.valueOf(r.data().getValue("id")), body);
              }
              return Uni.createFrom().item(Results.failed(item.job(), r));
            });
  }

  private Uni<ItemResult> done(
      ConnectionScope scope,
      DeliveryItem item,
      ContactKind kind,
      PipedriveResponse r,
      String crmId,
      JsonObject body) {
    // The index learns of the write with the rest of the phase (BatchDelivery, one statement).
    return Uni.createFrom()
        .item(Results.complete(item.job(), r, kind.objectType(), crmId, item.record(), body));
  }
}
