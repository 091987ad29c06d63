package com.queast.gateway.connector.pipedrive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Notes, which Pipedrive serves only in API v1 (vendor notes §1.8): kept in this one class so the
 * switch to v2 is one place. v1 is lenient about types; times are {@code YYYY-MM-DD HH:MM:SS} UTC.
 */
public final class NotesV1 {

  private NotesV1() {}

  /**
   * Adds a note.
   *
   * @param s session
   * @param body {@code content} (HTML) and at least one of {@code org_id, person_id}
   * @return a Uni emitting the answer
   */
  public static Uni<PipedriveResponse> create(PipedriveSession s, JsonObject body) {
    return s.call(PipedriveEndpoint.NOTE_CREATE, null, Map.of(), body);
  }

  /**
   * Replaces a note's content.
   *
   * @param s session
   * @param id note id
   * @param body fields to change
   * @return a Uni emitting the answer
   */
  public static Uni<PipedriveResponse> update(PipedriveSession s, String id, JsonObject body) {
    return s.call(PipedriveEndpoint.NOTE_UPDATE, id, Map.of(), body);
  }

  /**
   * Finds the note of an organization whose content carries a marker (after an ambiguous create).
   *
   * @param s session
   * @param orgId organization id
   * @param marker text the note's content contains
   * @return a Uni emitting the note id if one exists; fails with {@link IllegalStateException} when
   *     a page cannot be read
   */
  public static Uni<Optional<String>> findByMarker(
      PipedriveSession s, String orgId, String marker) {
    return page(s, orgId, marker, 0);
  }

  private static Uni<Optional<String>> page(
      PipedriveSession s, String orgId, String marker, int start) {
    Map<String, String> q = new HashMap<>();
    q.put("org_id", orgId);
    q.put("start", String.valueOf(start));
    q.put("limit", "500");
    return s.call(PipedriveEndpoint.NOTE_LIST, null, q, null)
        .chain(
            r -> {
              if (r.status() != 200 || r.body() == null) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException("listing notes: " + PipedriveErrors.message(r)));
              }
              JsonArray data = r.body().getJsonArray("data");
              if (data != null) {
                for (int i = 0; i < data.size(); i++) {
                  JsonObject n = data.getJsonObject(i);
                  if (Payloads.carries(n.getString("content", ""), marker)) {
                    return Uni.createFrom().item(Optional.of(String.valueOf(n.getValue("id"))));
                  }
                }
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              JsonObject pg = more == null ? null : more.getJsonObject("pagination");
              if (pg != null && pg.getBoolean("more_items_in_collection", false)) {
                return page(s, orgId, marker, pg.getInteger("next_start", start + 500));
              }
              return Uni.createFrom().item(Optional.<String>empty());
            });
  }
}
