package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API v2 activities (vendor notes §1.9): {@code POST /api/v2/activities}, {@code GET
 * /api/v2/activities} with filters and cursor paging, {@code GET /api/v2/activities/{id}}. The
 * {@code person_id} is read-only and set from the primary participant.
 */
final class ActivitiesApi {

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern HHMM = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");
  private static final Set<String> KEYS =
      Set.of(
          "subject",
          "type",
          "owner_id",
          "deal_id",
          "lead_id",
          "org_id",
          "project_id",
          "due_date",
          "due_time",
          "duration",
          "busy",
          "done",
          "location",
          "participants",
          "attendees",
          "public_description",
          "priority",
          "note");

  private final PipedriveSandboxOptions options;
  private final Clock clock;
  private final ChangeEvent.Sink events;

  ActivitiesApi(PipedriveSandboxOptions options, ChangeEvent.Sink events) {
    this.options = options;
    this.clock = options.clock();
    this.events = events;
  }

  void register(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v2/activities", this::list);
    routes.add(HttpMethod.POST, "/api/v2/activities", this::create);
    routes.add(HttpMethod.GET, "/api/v2/activities/:id", this::get);
    routes.add(HttpMethod.PATCH, "/api/v2/activities/:id", this::update);
    routes.add(HttpMethod.DELETE, "/api/v2/activities/:id", this::delete);
  }

  /**
   * {@code PATCH /api/v2/activities/{id}} (5 tokens, vendor notes §1.1): every field optional, the
   * ones sent are validated as on create and replace the stored ones (unknown keys refused like on
   * create); answers the whole activity.
   */
  private void update(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Company c = caller.company();
    long id = Query.pathId(ctx);
    JsonObject b = ContactsApi.body(ctx);
    V2Json.rejectUnknown(b, KEYS, options.rejectUnknownBodyFields());
    JsonObject r;
    JsonObject previous = new JsonObject();
    synchronized (c) {
      JsonObject current = c.activities.get(id);
      if (current == null || current.getBoolean("is_deleted")) {
        throw PdError.notFound("Activity not found");
      }
      r = current.copy();
      Instant now = clock.instant();
      for (String k : b.fieldNames()) {
        Object v = b.getValue(k);
        switch (k) {
          case "subject", "type", "lead_id", "public_description", "note" ->
              r.put(k, V2Json.string(k, v));
          case "owner_id", "deal_id", "project_id", "priority" -> r.put(k, V2Json.integer(k, v));
          case "org_id" -> {
            Long org = V2Json.integer(k, v);
            if (org != null && c.organizations.get(org) == null) {
              throw PdError.validation("org_id", "Organization with id " + org + " does not exist");
            }
            r.put(k, org);
          }
          case "due_date" -> r.put(k, matching(k, v, DATE));
          case "due_time", "duration" -> r.put(k, matching(k, v, HHMM));
          case "busy" -> r.put(k, Boolean.TRUE.equals(V2Json.bool(k, v)));
          case "done" -> {
            boolean done = Boolean.TRUE.equals(V2Json.bool(k, v));
            if (done != current.getBoolean("done")) {
              r.put("marked_as_done_time", done ? Times.v2(now) : null);
            }
            r.put(k, done);
          }
          case "location" -> r.put(k, V2Json.object(k, v));
          case "attendees" -> r.put(k, orDefault(V2Json.array(k, v), new JsonArray()));
          case "participants" -> {
            JsonArray participants = participants(v);
            Long personId = null;
            for (int i = 0; i < participants.size(); i++) {
              if (participants.getJsonObject(i).getBoolean("primary")) {
                personId = participants.getJsonObject(i).getLong("person_id");
              }
            }
            r.put(k, participants).put("person_id", personId);
          }
          default -> {
            continue;
          }
        }
        previous.put(k, current.getValue(k));
      }
      r.put("update_time", Times.v2(now));
      c.activities.put(id, r, now);
    }
    events.publish(
        new ChangeEvent(
            c, "activity", "change", id, hookData(r), previous, "api", caller.userId()));
    Envelope.ok(ctx, r.copy());
  }

  private void create(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Company c = caller.company();
    JsonObject b = ContactsApi.body(ctx);
    V2Json.rejectUnknown(b, KEYS, options.rejectUnknownBodyFields());
    JsonArray participants = participants(b.getValue("participants"));
    Long personId = null;
    for (int i = 0; i < participants.size(); i++) {
      if (participants.getJsonObject(i).getBoolean("primary")) {
        personId = participants.getJsonObject(i).getLong("person_id");
      }
    }
    Boolean done = V2Json.bool("done", b.getValue("done"));
    JsonObject r;
    synchronized (c) {
      Long orgId = V2Json.integer("org_id", b.getValue("org_id"));
      if (orgId != null && c.organizations.get(orgId) == null) {
        throw PdError.validation("org_id", "Organization with id " + orgId + " does not exist");
      }
      Instant now = clock.instant();
      long id = c.activities.nextId();
      r =
          new JsonObject()
              .put("id", id)
              .put("subject", V2Json.string("subject", b.getValue("subject")))
              .put("type", orDefault(V2Json.string("type", b.getValue("type")), "task"))
              .put(
                  "owner_id",
                  orDefault(V2Json.integer("owner_id", b.getValue("owner_id")), c.userId))
              .put("creator_user_id", caller.userId())
              .put("is_deleted", false)
              .put("add_time", Times.v2(now))
              .put("update_time", Times.v2(now))
              .put("deal_id", V2Json.integer("deal_id", b.getValue("deal_id")))
              .put("lead_id", V2Json.string("lead_id", b.getValue("lead_id")))
              .put("person_id", personId)
              .put("org_id", orgId)
              .put("project_id", V2Json.integer("project_id", b.getValue("project_id")))
              .put("due_date", matching("due_date", b.getValue("due_date"), DATE))
              .put("due_time", matching("due_time", b.getValue("due_time"), HHMM))
              .put("duration", matching("duration", b.getValue("duration"), HHMM))
              .put("busy", Boolean.TRUE.equals(V2Json.bool("busy", b.getValue("busy"))))
              .put("done", Boolean.TRUE.equals(done))
              .put("marked_as_done_time", Boolean.TRUE.equals(done) ? Times.v2(now) : null)
              .put("location", V2Json.object("location", b.getValue("location")))
              .put("participants", participants)
              .put(
                  "attendees",
                  orDefault(V2Json.array("attendees", b.getValue("attendees")), new JsonArray()))
              .putNull("conference_meeting_client")
              .putNull("conference_meeting_url")
              .putNull("conference_meeting_id")
              .put(
                  "public_description",
                  V2Json.string("public_description", b.getValue("public_description")))
              .put("priority", V2Json.integer("priority", b.getValue("priority")))
              .put("note", V2Json.string("note", b.getValue("note")));
      c.activities.put(id, r, now);
    }
    events.publish(
        new ChangeEvent(
            c, "activity", "create", r.getLong("id"), hookData(r), null, "api", caller.userId()));
    Envelope.ok(ctx, r.copy());
  }

  private static <T> T orDefault(T v, T dflt) {
    return v == null ? dflt : v;
  }

  private static String matching(String field, Object v, Pattern p) {
    String s = V2Json.string(field, v);
    if (s != null && !p.matcher(s).matches()) {
      throw PdError.validation(field, "Parameter '" + field + "' has an invalid format");
    }
    return s;
  }

  private static JsonArray participants(Object v) {
    JsonArray in = V2Json.array("participants", v);
    JsonArray out = new JsonArray();
    if (in == null) {
      return out;
    }
    for (int i = 0; i < in.size(); i++) {
      String path = "participants[" + i + "]";
      JsonObject p = V2Json.object(path, in.getValue(i));
      Long person = V2Json.integer(path + ".person_id", p.getValue("person_id"));
      if (person == null) {
        throw PdError.validation(path + ".person_id", "Parameter 'person_id' is required");
      }
      Boolean primary = V2Json.bool(path + ".primary", p.getValue("primary"));
      out.add(
          new JsonObject().put("person_id", person).put("primary", Boolean.TRUE.equals(primary)));
    }
    return out;
  }

  static JsonObject hookData(JsonObject r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("subject", r.getString("subject"))
        .put("type", r.getString("type"))
        .put("owner_id", r.getLong("owner_id"))
        .put("user_id", r.getLong("owner_id"))
        .put("org_id", r.getLong("org_id"))
        .put("person_id", r.getLong("person_id"))
        .put("deal_id", r.getLong("deal_id"))
        .put("due_date", r.getString("due_date"))
        .put("due_time", r.getString("due_time"))
        .put("duration", r.getString("duration"))
        .put("done", r.getBoolean("done"))
        .put("active_flag", !r.getBoolean("is_deleted"))
        .put("busy_flag", r.getBoolean("busy"))
        .put("update_user_id", r.getLong("creator_user_id"))
        .put("add_time", r.getString("add_time"))
        .put("update_time", r.getString("update_time"))
        .put("note", r.getString("note"));
  }

  /**
   * {@code DELETE /api/v2/activities/{id}} (3 tokens, vendor notes §1.1): marks the activity
   * deleted ({@code is_deleted}), gone from reads and lists; answers {@code {"success": true,
   * "data": {"id": …}}} like the other v2 deletes; unknown or deleted → 404 {@code Activity not
   * found}.
   */
  private void delete(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    long id = Query.pathId(ctx);
    synchronized (c) {
      JsonObject current = c.activities.get(id);
      if (current == null || current.getBoolean("is_deleted")) {
        throw PdError.notFound("Activity not found");
      }
      Instant now = clock.instant();
      c.activities.put(
          id, current.copy().put("is_deleted", true).put("update_time", Times.v2(now)), now);
    }
    Envelope.ok(ctx, new JsonObject().put("id", id));
  }

  private void get(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    long id = Query.pathId(ctx);
    synchronized (c) {
      JsonObject r = c.activities.get(id);
      if (r == null || r.getBoolean("is_deleted")) {
        throw PdError.notFound("Activity not found");
      }
      Envelope.ok(ctx, r.copy());
    }
  }

  private void list(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    int limit = Paging.limit(ctx, 500);
    String sortBy =
        Query.oneOf(ctx, "sort_by", "id", List.of("id", "update_time", "add_time", "due_date"));
    boolean desc = "desc".equals(Query.oneOf(ctx, "sort_direction", "asc", List.of("asc", "desc")));
    Long owner = Query.optInteger(ctx, "owner_id");
    Long person = Query.optInteger(ctx, "person_id");
    Long org = Query.optInteger(ctx, "org_id");
    Boolean done = Query.optBoolean(ctx, "done");
    String cursor = Query.first(ctx, "cursor");
    synchronized (c) {
      List<JsonObject> matching = new ArrayList<>();
      for (JsonObject r : c.activities.all()) {
        if (!r.getBoolean("is_deleted")
            && (owner == null || owner.equals(r.getLong("owner_id")))
            && (person == null || person.equals(r.getLong("person_id")))
            && (org == null || org.equals(r.getLong("org_id")))
            && (done == null || done.equals(r.getBoolean("done")))) {
          matching.add(r);
        }
      }
      Paging.Page page = Paging.page(matching, sortBy, desc, cursor, limit);
      JsonArray data = new JsonArray();
      page.items().forEach(r -> data.add(r.copy()));
      Envelope.ok(ctx, 200, data, new JsonObject().put("next_cursor", page.nextCursor()));
    }
  }
}
