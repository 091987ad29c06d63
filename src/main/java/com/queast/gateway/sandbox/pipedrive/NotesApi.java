package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * v1 notes (vendor notes §1.8): {@code POST /api/v1/notes} with HTML {@code content} attached to an
 * organization, person, deal, lead or project; {@code GET /api/v1/notes} with offset pagination;
 * {@code GET /api/v1/notes/{id}}. v1 typing is lenient: ids may come as numeric strings.
 */
final class NotesApi {

  private static final List<String> LINKS =
      List.of("org_id", "person_id", "deal_id", "lead_id", "project_id", "task_id");

  private final Clock clock;
  private final ChangeEvent.Sink events;

  NotesApi(PipedriveSandboxOptions options, ChangeEvent.Sink events) {
    this.clock = options.clock();
    this.events = events;
  }

  void register(VendorRoutes routes) {
    routes.add(HttpMethod.GET, "/api/v1/notes", this::list);
    routes.add(HttpMethod.POST, "/api/v1/notes", this::create);
    routes.add(HttpMethod.GET, "/api/v1/notes/:id", this::get);
    routes.add(HttpMethod.PUT, "/api/v1/notes/:id", this::update);
    routes.add(HttpMethod.DELETE, "/api/v1/notes/:id", this::delete);
  }

  /**
   * {@code PUT /api/v1/notes/{id}} (10 tokens, vendor notes §1.8): every field optional; the ones
   * sent replace the stored ones ({@code content} must not be blank, links must exist); answers the
   * note like {@code GET}.
   */
  private void update(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Company c = caller.company();
    long id = Query.pathId(ctx);
    JsonObject b = ContactsApi.body(ctx);
    JsonObject r;
    JsonObject previous = new JsonObject();
    synchronized (c) {
      JsonObject current = c.notes.get(id);
      if (current == null || !current.getBoolean("active_flag", true)) {
        throw PdError.notFound("Note not found");
      }
      r = current.copy();
      if (b.containsKey("content")) {
        Object content = b.getValue("content");
        if (!(content instanceof String s) || s.isBlank()) {
          throw PdError.badRequest("Content is required.");
        }
        previous.put("content", current.getValue("content"));
        r.put("content", content);
      }
      for (String k : LINKS) {
        if (b.containsKey(k)) {
          Object v = k.equals("lead_id") ? b.getValue(k) : lenientId(k, b.getValue(k));
          previous.put(k, current.getValue(k));
          r.put(k, v);
        }
      }
      check(c.organizations, r.getLong("org_id"), "Organization");
      check(c.persons, r.getLong("person_id"), "Person");
      for (String pin : List.of("deal", "person", "organization", "lead", "project")) {
        Object flag = b.getValue("pinned_to_" + pin + "_flag");
        if (flag != null) {
          r.put(
              "pinned_to_" + pin + "_flag",
              !"0".equals(flag.toString()) && !"false".equals(flag.toString()));
        }
      }
      Instant now = clock.instant();
      r.put("update_time", Times.v1(now)).put("last_update_user_id", caller.userId());
      c.notes.put(id, r, now);
      r = view(c, r);
    }
    events.publish(
        new ChangeEvent(c, "note", "change", id, hookData(r), previous, "api", caller.userId()));
    Envelope.ok(ctx, r);
  }

  private static Long lenientId(String field, Object v) {
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    try {
      return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw PdError.badRequest("Invalid " + field);
    }
  }

  private void create(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Company c = caller.company();
    JsonObject b = ContactsApi.body(ctx);
    Object content = b.getValue("content");
    if (!(content instanceof String s) || s.isBlank()) {
      throw PdError.badRequest("Content is required.");
    }
    JsonObject r = new JsonObject();
    synchronized (c) {
      boolean linked = false;
      for (String k : LINKS) {
        Object id = k.equals("lead_id") ? b.getValue(k) : lenientId(k, b.getValue(k));
        r.put(k, id);
        linked |= id != null;
      }
      if (!linked) {
        throw PdError.badRequest(
            "Note must be attached to a deal, person, organization, lead or project.");
      }
      check(c.organizations, r.getLong("org_id"), "Organization");
      check(c.persons, r.getLong("person_id"), "Person");
      Instant now = clock.instant();
      long id = c.notes.nextId();
      r.put("id", id)
          .put("user_id", caller.userId())
          .put("content", content)
          .put("active_flag", true)
          .put("add_time", Times.v1(now))
          .put("update_time", Times.v1(now))
          .put("last_update_user_id", caller.userId());
      for (String pin : List.of("deal", "person", "organization", "lead", "project")) {
        Object flag = b.getValue("pinned_to_" + pin + "_flag");
        r.put(
            "pinned_to_" + pin + "_flag",
            flag != null && !"0".equals(flag.toString()) && !"false".equals(flag.toString()));
      }
      c.notes.put(id, r, now);
      r = view(c, r);
    }
    events.publish(
        new ChangeEvent(
            c, "note", "create", r.getLong("id"), hookData(r), null, "api", caller.userId()));
    Envelope.ok(ctx, 201, r, null);
  }

  private static void check(EntityStore store, Long id, String what) {
    if (id != null) {
      JsonObject o = store.get(id);
      if (o == null || o.getBoolean("is_deleted")) {
        throw PdError.badRequest(what + " not found.");
      }
    }
  }

  static JsonObject hookData(JsonObject note) {
    JsonObject d = new JsonObject();
    for (String k :
        List.of(
            "id",
            "user_id",
            "deal_id",
            "person_id",
            "org_id",
            "lead_id",
            "project_id",
            "active_flag",
            "content",
            "pinned_to_deal_flag",
            "pinned_to_person_flag",
            "pinned_to_organization_flag")) {
      d.put(k, note.getValue(k));
    }
    d.put("add_time", note.getString("add_time").replace(' ', 'T') + "Z");
    d.put("update_time", note.getString("update_time").replace(' ', 'T') + "Z");
    return d;
  }

  private static JsonObject view(Company c, JsonObject note) {
    JsonObject v = note.copy();
    Long org = note.getLong("org_id");
    Long person = note.getLong("person_id");
    JsonObject o = org == null ? null : c.organizations.get(org);
    JsonObject p = person == null ? null : c.persons.get(person);
    JsonObject u = c.user();
    return v.put(
            "organization", o == null ? null : new JsonObject().put("name", o.getString("name")))
        .put("person", p == null ? null : new JsonObject().put("name", p.getString("name")))
        .putNull("deal")
        .put(
            "user",
            new JsonObject()
                .put("email", u.getString("email"))
                .putNull("icon_url")
                .put("is_you", true)
                .put("name", u.getString("name")));
  }

  /**
   * {@code DELETE /api/v1/notes/{id}} (6 tokens, vendor notes §1.8): the note is gone from reads
   * and lists; answers {@code {"success": true, "data": true}} (the v1 reference's shape,
   * unverified); a note unknown or already deleted is the vendor's 404 {@code Note not found}.
   */
  private void delete(RoutingContext ctx) {
    Caller caller = ctx.get(Caller.KEY);
    Company c = caller.company();
    long id = Query.pathId(ctx);
    synchronized (c) {
      JsonObject current = c.notes.get(id);
      if (current == null || !current.getBoolean("active_flag", true)) {
        throw PdError.notFound("Note not found");
      }
      Instant now = clock.instant();
      c.notes.put(
          id, current.copy().put("active_flag", false).put("update_time", Times.v1(now)), now);
    }
    Envelope.ok(ctx, true);
  }

  private void get(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    long id = Query.pathId(ctx);
    synchronized (c) {
      JsonObject n = c.notes.get(id);
      if (n == null || !n.getBoolean("active_flag", true)) {
        throw PdError.notFound("Note not found");
      }
      Envelope.ok(ctx, view(c, n));
    }
  }

  private void list(RoutingContext ctx) {
    Company c = ((Caller) ctx.get(Caller.KEY)).company();
    Long org = lenientId("org_id", Query.first(ctx, "org_id"));
    Long person = lenientId("person_id", Query.first(ctx, "person_id"));
    Long user = lenientId("user_id", Query.first(ctx, "user_id"));
    Long startParam = lenientId("start", Query.first(ctx, "start"));
    Long limitParam = lenientId("limit", Query.first(ctx, "limit"));
    int start = startParam == null ? 0 : (int) Math.max(0, startParam);
    int limit = limitParam == null ? 100 : (int) Math.min(500, Math.max(1, limitParam));
    synchronized (c) {
      List<JsonObject> matching = new ArrayList<>();
      for (JsonObject n : c.notes.all()) {
        if (n.getBoolean("active_flag", true)
            && (org == null || org.equals(n.getLong("org_id")))
            && (person == null || person.equals(n.getLong("person_id")))
            && (user == null || user.equals(n.getLong("user_id")))) {
          matching.add(n);
        }
      }
      JsonArray data = new JsonArray();
      int end = Math.min(matching.size(), start + limit);
      for (int i = start; i < end; i++) {
        data.add(view(c, matching.get(i)));
      }
      JsonObject pagination =
          new JsonObject()
              .put("start", start)
              .put("limit", limit)
              .put("more_items_in_collection", end < matching.size());
      if (end < matching.size()) {
        pagination.put("next_start", end);
      }
      Envelope.ok(
          ctx, 200, data.isEmpty() ? null : data, new JsonObject().put("pagination", pagination));
    }
  }
}
