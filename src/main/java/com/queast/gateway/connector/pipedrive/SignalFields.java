package com.queast.gateway.connector.pipedrive;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties a Signal mapping may write on a note or an activity of this account: the built-in
 * fields the account lists (v2 {@code GET /api/v2/activityFields}, v1 {@code GET
 * /api/v1/noteFields}) that the body the connector sends accepts (vendor notes §1.8 {@code
 * addNote}, §1.9 {@code addActivity}), minus the ones the connector sets itself ({@code org_id}, a
 * note's {@code person_id}, an activity's {@code participants}), which a mapping would only see
 * overwritten. Read-only fields ({@code add_time} of activities, {@code update_time}, an activity's
 * {@code person_id}, ...) are listed but not writable. Custom fields are not offered: the connector
 * does not resolve {@code custom:} targets on notes or activities.
 */
public final class SignalFields {

  /** Body fields of {@code POST /api/v2/activities} a mapping may set (vendor notes §1.9). */
  public static final Set<String> ACTIVITY_BODY =
      Set.of(
          "subject",
          "type",
          "owner_id",
          "deal_id",
          "lead_id",
          "project_id",
          "due_date",
          "due_time",
          "duration",
          "busy",
          "done",
          "location",
          "attendees",
          "public_description",
          "priority",
          "note");

  /** Body fields of {@code POST /api/v1/notes} a mapping may set (vendor notes §1.8). */
  public static final Set<String> NOTE_BODY =
      Set.of(
          "content",
          "deal_id",
          "lead_id",
          "project_id",
          "user_id",
          "add_time",
          "pinned_to_organization_flag",
          "pinned_to_person_flag",
          "pinned_to_deal_flag",
          "pinned_to_lead_flag",
          "pinned_to_project_flag");

  private SignalFields() {}

  /**
   * The writable activity properties of this account.
   *
   * @param s a session of the connection
   * @return a Uni emitting the names; fails when the fields cannot be read
   */
  public static Uni<Set<String>> activities(PipedriveSession s) {
    return activityPages(s, null, new TreeSet<>()).map(listed -> writable(listed, ACTIVITY_BODY));
  }

  /**
   * The writable note properties of this account.
   *
   * @param s a session of the connection
   * @return a Uni emitting the names; fails when the fields cannot be read
   */
  public static Uni<Set<String>> notes(PipedriveSession s) {
    return notePages(s, 0, new TreeSet<>()).map(listed -> writable(listed, NOTE_BODY));
  }

  private static Set<String> writable(Set<String> listed, Set<String> body) {
    Set<String> out = new TreeSet<>(listed);
    out.retainAll(body);
    return out;
  }

  private static Uni<Set<String>> activityPages(
      PipedriveSession s, String cursor, Set<String> acc) {
    Map<String, String> q = new HashMap<>();
    q.put("limit", "500");
    if (cursor != null) {
      q.put("cursor", cursor);
    }
    return s.call(PipedriveEndpoint.ACTIVITY_FIELDS, null, q, null)
        .chain(
            r -> {
              JsonArray data = data(r, "activity");
              for (int i = 0; i < data.size(); i++) {
                JsonObject f = data.getJsonObject(i);
                if (!f.getBoolean("is_custom_field", false)) {
                  acc.add(f.getString("field_code"));
                }
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              String next = more == null ? null : more.getString("next_cursor");
              return next == null ? Uni.createFrom().item(acc) : activityPages(s, next, acc);
            });
  }

  private static Uni<Set<String>> notePages(PipedriveSession s, int start, Set<String> acc) {
    Map<String, String> q = Map.of("start", String.valueOf(start), "limit", "500");
    return s.call(PipedriveEndpoint.NOTE_FIELDS, null, q, null)
        .chain(
            r -> {
              JsonArray data = data(r, "note");
              for (int i = 0; i < data.size(); i++) {
                JsonObject f = data.getJsonObject(i);
                if (!f.getBoolean("edit_flag", false)) {
                  acc.add(f.getString("key"));
                }
              }
              JsonObject more = r.body().getJsonObject("additional_data");
              JsonObject page = more == null ? null : more.getJsonObject("pagination");
              Integer next = page == null ? null : page.getInteger("next_start");
              return page != null
                      && page.getBoolean("more_items_in_collection", false)
                      && next != null
                      && next > start
                  ? notePages(s, next, acc)
                  : Uni.createFrom().item(acc);
            });
  }

  private static JsonArray data(PipedriveResponse r, String kind) {
    if (!r.ok() || r.body() == null) {
      throw new IllegalStateException("reading " + kind + " fields: " + PipedriveErrors.message(r));
    }
    JsonArray data = r.body().getJsonArray("data");
    return data == null ? new JsonArray() : data;
  }
}
