package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Create, read, update and soft-delete of organizations or persons, shared by the v2 API (change
 * source {@code api}) and the admin's user actions (change source {@code app}). Each write emits
 * one webhook change event.
 */
final class ContactService {

  private final ContactKind kind;
  private final PipedriveSandboxOptions options;
  private final Clock clock;
  private final ChangeEvent.Sink events;

  ContactService(ContactKind kind, PipedriveSandboxOptions options, ChangeEvent.Sink events) {
    this.kind = kind;
    this.options = options;
    this.clock = options.clock();
    this.events = events;
  }

  ContactKind kind() {
    return kind;
  }

  JsonObject create(Company c, long userId, JsonObject body, String source) {
    ChangeEvent event;
    JsonObject view;
    synchronized (c) {
      Instant now = clock.instant();
      JsonObject r = kind.create(body, c, now, options.rejectUnknownBodyFields());
      JsonObject custom = new JsonObject();
      CustomFields.apply(body, c.fields(kind.entity()), custom, options.unknownCustomFields());
      long id = c.store(kind.entity()).nextId();
      r = new JsonObject().put("id", id).mergeIn(r).put("custom_fields", prune(custom));
      c.store(kind.entity()).put(id, r, now);
      view = view(c, r, List.of());
      event = new ChangeEvent(c, kind.entity(), "create", id, hookData(c, r), null, source, userId);
    }
    events.publish(event);
    return view;
  }

  JsonObject update(Company c, long userId, long id, JsonObject body, String source) {
    ChangeEvent event;
    JsonObject view;
    synchronized (c) {
      JsonObject old = live(c, id);
      JsonObject r = kind.update(old, body, c, options.rejectUnknownBodyFields());
      JsonObject custom = old.getJsonObject("custom_fields").copy();
      CustomFields.apply(body, c.fields(kind.entity()), custom, options.unknownCustomFields());
      Instant now = clock.instant();
      r.put("custom_fields", prune(custom)).put("update_time", Times.v2(now));
      c.store(kind.entity()).put(id, r, now);
      view = view(c, r, List.of());
      JsonObject before = hookData(c, old);
      JsonObject after = hookData(c, r);
      JsonObject previous = diff(before, after);
      event =
          previous.isEmpty()
              ? null
              : new ChangeEvent(c, kind.entity(), "change", id, after, previous, source, userId);
    }
    if (event != null) {
      events.publish(event);
    }
    return view;
  }

  JsonObject delete(Company c, long userId, long id, String source) {
    ChangeEvent event;
    synchronized (c) {
      JsonObject old = live(c, id);
      Instant now = clock.instant();
      JsonObject r = old.copy().put("is_deleted", true).put("update_time", Times.v2(now));
      c.store(kind.entity()).put(id, r, now);
      event =
          new ChangeEvent(c, kind.entity(), "delete", id, null, hookData(c, old), source, userId);
    }
    events.publish(event);
    return new JsonObject().put("id", id);
  }

  /** A record that exists and is not deleted, else the vendor's 404. */
  JsonObject live(Company c, long id) {
    JsonObject r = c.store(kind.entity()).get(id);
    if (r == null || r.getBoolean("is_deleted")) {
      throw PdError.notFound(kind.title() + " not found");
    }
    return r;
  }

  /** The API view: every custom field of the company (null when empty) or the selected ones. */
  JsonObject view(Company c, JsonObject r, List<String> selection) {
    JsonObject v = r.copy();
    JsonObject stored = r.getJsonObject("custom_fields");
    JsonObject custom = new JsonObject();
    for (FieldDef f : c.fields(kind.entity()).custom()) {
      if (selection.isEmpty() || selection.contains(f.code())) {
        custom.put(f.code(), stored.getValue(f.code()));
      }
    }
    return v.put("custom_fields", custom);
  }

  private JsonObject hookData(Company c, JsonObject r) {
    JsonObject data = kind.webhookData(r);
    JsonObject custom = new JsonObject();
    JsonObject stored = r.getJsonObject("custom_fields");
    for (FieldDef f : c.fields(kind.entity()).custom()) {
      Object typed = CustomFields.typed(f, stored.getValue(f.code()));
      if (typed != null) {
        custom.put(f.code(), typed);
      }
    }
    return data.put("custom_fields", custom);
  }

  /** Old values of the fields that changed; custom fields compared one by one. */
  static JsonObject diff(JsonObject before, JsonObject after) {
    JsonObject prev = new JsonObject();
    for (String k : after.fieldNames()) {
      if (k.equals("update_time") || k.equals("custom_fields")) {
        continue;
      }
      if (!Objects.equals(before.getValue(k), after.getValue(k))) {
        prev.put(k, before.getValue(k));
      }
    }
    JsonObject cb = before.getJsonObject("custom_fields", new JsonObject());
    JsonObject ca = after.getJsonObject("custom_fields", new JsonObject());
    JsonObject cprev = new JsonObject();
    java.util.Set<String> keys = new java.util.HashSet<>(cb.fieldNames());
    keys.addAll(ca.fieldNames());
    for (String k : keys) {
      if (!Objects.equals(cb.getValue(k), ca.getValue(k))) {
        cprev.put(k, cb.getValue(k));
      }
    }
    if (!cprev.isEmpty()) {
      prev.put("custom_fields", cprev);
    }
    return prev;
  }

  private static JsonObject prune(JsonObject custom) {
    JsonObject out = new JsonObject();
    custom.forEach(
        e -> {
          if (e.getValue() != null) {
            out.put(e.getKey(), e.getValue());
          }
        });
    return out;
  }
}
