package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.record.DeliveryItem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Writes a Signal as a v1 note (default) or a v2 activity on its organization (and person). Neither
 * carries a custom field, so each carries a marker line; a retried job (after an ambiguous failure)
 * looks for the marker on the organization before it creates again.
 */
final class SignalWriter {

  /** CRM object type of notes in the delivered state. */
  static final String NOTES = "notes";

  /** CRM object type of activities in the delivered state. */
  static final String ACTIVITIES = "activities";

  Uni<ItemResult> write(
      ConnectionScope scope, DeliveryItem item, boolean asActivity, JsonObject body, long orgId) {
    String objectType = asActivity ? ACTIVITIES : NOTES;
    if (item.previous() != null
        && item.previous().crmId() != null
        && objectType.equals(item.previous().crmObjectType())) {
      String id = item.previous().crmId();
      Uni<PipedriveResponse> call =
          asActivity
              ? ActivitiesApi.update(scope.session(), id, body)
              : NotesV1.update(scope.session(), id, body);
      return call.map(r -> result(item, r, objectType, id, body));
    }
    String marker = Payloads.marker(item.record().id());
    Uni<Optional<String>> existing =
        item.job().attempt() > 1
            ? (asActivity
                ? ActivitiesApi.findByMarker(scope.session(), String.valueOf(orgId), marker)
                : NotesV1.findByMarker(scope.session(), String.valueOf(orgId), marker))
            : Uni.createFrom().item(Optional.empty());
    return existing.chain(
        found -> {
          if (found.isPresent()) {
            return Uni.createFrom()
                .item(
                    Results.complete(
                        item.job(), null, objectType, found.get(), item.record(), body));
          }
          Uni<PipedriveResponse> call =
              asActivity
                  ? ActivitiesApi.create(scope.session(), body)
                  : NotesV1.create(scope.session(), body);
          return call.map(
              r ->
                  result(
                      item,
                      r,
                      objectType,
                      r.data() == null ? null : String.valueOf(r.data().getValue("id")),
                      body));
        });
  }

  private static ItemResult result(
      DeliveryItem item, PipedriveResponse r, String objectType, String id, JsonObject body) {
    if (r.ok() && id != null && !"null".equals(id)) {
      return Results.complete(item.job(), r, objectType, id, item.record(), body);
    }
    return Results.failed(item.job(), r);
  }
}
