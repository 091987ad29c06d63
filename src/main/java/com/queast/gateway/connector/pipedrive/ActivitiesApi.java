package com.queast.gateway.connector.pipedrive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** API v2 activities, for tenants whose mapping sends Signals as activities. */
public final class ActivitiesApi {

  private ActivitiesApi() {}

  /**
   * Adds an activity.
   *
   * @param s session
   * @param body v2 body ({@code subject, type, org_id, participants, note, done, due_date})
   * @return a Uni emitting the answer
   */
  public static Uni<PipedriveResponse> create(PipedriveSession s, JsonObject body) {
    return s.call(PipedriveEndpoint.ACTIVITY_CREATE, null, Map.of(), body);
  }

  /**
   * Updates an activity.
   *
   * @param s session
   * @param id activity id
   * @param body fields to change
   * @return a Uni emitting the answer
   */
  public static Uni<PipedriveResponse> update(PipedriveSession s, String id, JsonObject body) {
    return s.call(PipedriveEndpoint.ACTIVITY_UPDATE, id, Map.of(), body);
  }

  /**
   * Finds the activity of an organization whose note carries a marker (after an ambiguous create).
   *
   * @param s session
   * @param orgId organization id
   * @param marker text the activity's note contains
   * @return a Uni emitting the activity id if one exists; fails with {@link IllegalStateException}
   *     when a page cannot be read
   */
  public static Uni<Optional<String>> findByMarker(
      PipedriveSession s, String orgId, String marker) {
    return page(s, orgId, marker, null);
  }

  private static Uni<Optional<String>> page(
      PipedriveSession s, String orgId, String marker, String cursor) {
    Map<String, String> q = new HashMap<>();
    q.put("org_id", orgId);
    q.put("limit", "500");
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    return s.call(PipedriveEndpoint.ACTIVITY_LIST, null, q, null)
        .chain(
            r -> {
              if (!r.ok()) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException(
                            "listing activities: " + PipedriveErrors.message(r)));
              }
              JsonArray data = r.body().getJsonArray("data", new JsonArray());
              for (int i = 0; i < data.size(); i++) {
                JsonObject a = data.getJsonObject(i);
                String note = a.getString("note");
                if (Payloads.carries(note, marker)) {
                  return Uni.createFrom().item(Optional.of(String.valueOf(a.getValue("id"))));
                }
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              String next = more == null ? null : more.getString("next_cursor");
              return next == null
                  ? Uni.createFrom().item(Optional.<String>empty())
                  : page(s, orgId, marker, next);
            });
  }
}
