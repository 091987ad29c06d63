package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Custom object schemas (vendor notes §3.2): {@code /crm-object-schemas/v3/schemas}, the guide's
 * alias {@code /crm/v3/schemas} and the dated {@code /crm-object-schemas/2026-03/schemas}.
 * Enterprise portals only; {@code crm.schemas.custom.read|write} scopes.
 */
final class SchemaRoutes {

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Map<String, String> DEFAULT_FIELD_TYPES =
      Map.of(
          "string", "text",
          "number", "number",
          "enumeration", "select",
          "bool", "booleancheckbox",
          "date", "date",
          "datetime", "date",
          "phone_number", "phonenumber");

  private final Clock clock;

  SchemaRoutes(Clock clock) {
    this.clock = clock;
  }

  void mount(Router r) {
    Http.on(r, GET, Http.SCHEMAS, "", this::list);
    Http.on(r, POST, Http.SCHEMAS, "", this::create);
    Http.on(r, POST, Http.SCHEMAS, "/:objectType/associations", this::createAssociation);
    Http.on(
        r,
        DELETE,
        Http.SCHEMAS,
        "/:objectType/associations/:associationIdentifier",
        this::removeAssociation);
    Http.on(r, GET, Http.SCHEMAS, "/:objectType", this::read);
    Http.on(r, PATCH, Http.SCHEMAS, "/:objectType", this::patch);
    Http.on(r, DELETE, Http.SCHEMAS, "/:objectType", this::delete);
  }

  private Instant now() {
    return clock.instant();
  }

  /** The caller's portal, after the scope and the Enterprise checks. */
  private static Portal portal(RoutingContext ctx, boolean write) {
    Principal p = Http.require(ctx, write ? CustomScopes.SCHEMAS_WRITE : CustomScopes.SCHEMAS_READ);
    if (!p.portal().enterprise()) {
      throw notEnterprise();
    }
    return p.portal();
  }

  /**
   * The answer for a portal without an Enterprise hub. HubSpot documents the requirement, not the
   * error body (UNVERIFIED): 403 in the standard error shape.
   */
  static HubSpotError notEnterprise() {
    return new HubSpotError(
        403,
        "FORBIDDEN",
        "Custom objects require a Marketing, Sales, Service, Content or Data Hub Enterprise"
            + " subscription; this account does not have access to custom objects.",
        "CUSTOM_OBJECTS_NOT_AVAILABLE",
        null,
        null,
        null);
  }

  private static ObjectSchema schema(Portal portal, String segment) {
    ObjectType t = portal.type(segment).filter(ObjectType::custom).orElse(null);
    ObjectSchema s = t == null ? null : portal.schemaOf(t).orElse(null);
    if (s == null || s.archived()) {
      throw HubSpotError.notFound("Unable to find object type " + segment);
    }
    return s;
  }

  private Http.Reply list(RoutingContext ctx) {
    Portal portal = portal(ctx, false);
    boolean archived = Http.flag(ctx, "archived");
    JsonArray results = new JsonArray();
    synchronized (portal) {
      for (ObjectSchema s : portal.allSchemas()) {
        if (s.archived() == archived) {
          results.add(s.toJson());
        }
      }
    }
    return new Http.Reply(200, new JsonObject().put("results", results));
  }

  private Http.Reply read(RoutingContext ctx) {
    Portal portal = portal(ctx, false);
    synchronized (portal) {
      return new Http.Reply(200, schema(portal, ctx.pathParam("objectType")).toJson());
    }
  }

  private Http.Reply create(RoutingContext ctx) {
    Portal portal = portal(ctx, true);
    JsonObject egg = Http.body(ctx);
    List<String> missing = new ArrayList<>();
    for (String f :
        List.of("name", "labels", "properties", "requiredProperties", "associatedObjects")) {
      if (egg.getValue(f) == null) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw HubSpotError.validation(
          "Invalid input JSON: required fields are missing: " + String.join(", ", missing));
    }
    String name = egg.getString("name");
    if (!NAME.matcher(name).matches()) {
      throw HubSpotError.validation(
          "Object type name '"
              + name
              + "' is invalid: use letters, digits and underscores, starting with a letter");
    }
    JsonObject labels = egg.getJsonObject("labels");
    if (blank(labels.getString("singular")) || blank(labels.getString("plural"))) {
      throw HubSpotError.validation("labels.singular and labels.plural are required");
    }
    JsonArray properties = egg.getJsonArray("properties");
    if (properties.isEmpty()) {
      throw HubSpotError.validation("A schema needs at least one property");
    }
    Instant now = now();
    synchronized (portal) {
      if (portal.schemaByName(name).isPresent() || ObjectType.parse(name).isPresent()) {
        // HubSpot's exact message is UNVERIFIED; a duplicate name is a 409 conflict.
        throw HubSpotError.conflict("An object type with name " + name + " already exists");
      }
      List<ObjectType> targets = new ArrayList<>();
      for (Object o : egg.getJsonArray("associatedObjects")) {
        targets.add(
            portal
                .type(String.valueOf(o))
                .orElseThrow(
                    () -> HubSpotError.validation("associatedObjects: unknown object type " + o)));
      }
      ObjectType type =
          ObjectType.custom(
              portal.id(),
              name,
              portal.nextObjectTypeId(),
              ObjectSchema.strings(egg.getJsonArray("searchableProperties")));
      ObjectSchema schema = new ObjectSchema(type, portal.id(), egg, now);
      for (Object p : properties) {
        schema.catalog().create(propertyCreate(type, (JsonObject) p), now);
      }
      checkNamed(schema, egg);
      portal.addSchema(schema);
      Set<ObjectType> seen = new LinkedHashSet<>();
      for (ObjectType t : targets) {
        if (seen.add(t)) {
          associate(portal, schema, t, null, now);
        }
      }
      return new Http.Reply(201, schema.toJson());
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static JsonObject propertyCreate(ObjectType type, JsonObject p) {
    JsonObject out = p.copy();
    out.remove("isPrimaryDisplayLabel");
    String t = out.getString("type", "string");
    out.put("type", t);
    if (out.getString("fieldType") == null && DEFAULT_FIELD_TYPES.containsKey(t)) {
      out.put("fieldType", DEFAULT_FIELD_TYPES.get(t));
    }
    if (out.getString("groupName") == null) {
      out.put("groupName", BuiltInProperties.customGroup(type));
    }
    return out;
  }

  /** Every property the schema names (required, searchable, display) must be defined. */
  private static void checkNamed(ObjectSchema schema, JsonObject body) {
    List<String> named = new ArrayList<>();
    for (String f :
        List.of("requiredProperties", "searchableProperties", "secondaryDisplayProperties")) {
      named.addAll(ObjectSchema.strings(body.getJsonArray(f)));
    }
    if (body.getString("primaryDisplayProperty") != null) {
      named.add(body.getString("primaryDisplayProperty"));
    }
    for (String n : named) {
      if (schema.catalog().get(n).isEmpty()) {
        throw HubSpotError.validation(
            "Property " + n + " is named by the schema but is not one of its properties");
      }
    }
  }

  private static ObjectSchema.Association associate(
      Portal portal, ObjectSchema schema, ObjectType to, String name, Instant now) {
    ObjectType from = schema.type();
    int id = portal.nextAssociationTypeId();
    int inverseId = portal.nextAssociationTypeId();
    AssociationTypes.Type type = new AssociationTypes.Type(id, from, to, null, inverseId, 0);
    AssociationTypes.Type inverse = new AssociationTypes.Type(inverseId, to, from, null, id, 0);
    ObjectSchema.Association a =
        new ObjectSchema.Association(
            type, inverse, name != null ? name : from.singular() + "_to_" + to.singular(), now);
    schema.addAssociation(a);
    return a;
  }

  private Http.Reply patch(RoutingContext ctx) {
    Portal portal = portal(ctx, true);
    JsonObject body = Http.body(ctx);
    synchronized (portal) {
      ObjectSchema s = schema(portal, ctx.pathParam("objectType"));
      checkNamed(s, body);
      s.patch(body, now());
      return new Http.Reply(200, s.toJson());
    }
  }

  private Http.Reply delete(RoutingContext ctx) {
    Portal portal = portal(ctx, true);
    boolean hard = Http.flag(ctx, "archived");
    synchronized (portal) {
      ObjectType t =
          portal.type(ctx.pathParam("objectType")).filter(ObjectType::custom).orElse(null);
      ObjectSchema s = t == null ? null : portal.schemaOf(t).orElse(null);
      if (s == null) {
        throw HubSpotError.notFound("Unable to find object type " + ctx.pathParam("objectType"));
      }
      if (portal.count(t) > 0) {
        throw HubSpotError.validation(
            "Object type "
                + t.typeId()
                + " still has records; delete all of its records before deleting the schema");
      }
      if (hard) {
        portal.removeSchema(s);
      } else {
        s.archive(now());
      }
    }
    return new Http.Reply(204, null);
  }

  private Http.Reply createAssociation(RoutingContext ctx) {
    Portal portal = portal(ctx, true);
    JsonObject body = Http.body(ctx);
    synchronized (portal) {
      ObjectSchema s = schema(portal, ctx.pathParam("objectType"));
      String fromId = body.getString("fromObjectTypeId");
      String toId = body.getString("toObjectTypeId");
      if (blank(fromId) || blank(toId)) {
        throw HubSpotError.validation("fromObjectTypeId and toObjectTypeId are required");
      }
      if (portal.type(fromId).orElse(null) != s.type()) {
        throw HubSpotError.validation(
            "fromObjectTypeId must be this schema's object type " + s.type().typeId());
      }
      ObjectType to =
          portal
              .type(toId)
              .orElseThrow(() -> HubSpotError.validation("Unknown toObjectTypeId " + toId));
      ObjectSchema.Association a = associate(portal, s, to, body.getString("name"), now());
      return new Http.Reply(200, a.toJson());
    }
  }

  private Http.Reply removeAssociation(RoutingContext ctx) {
    Portal portal = portal(ctx, true);
    String id = ctx.pathParam("associationIdentifier");
    synchronized (portal) {
      ObjectSchema s = schema(portal, ctx.pathParam("objectType"));
      ObjectSchema.Association a =
          s.associations().stream()
              .filter(x -> Integer.toString(x.type().typeId()).equals(id) || x.name().equals(id))
              .findFirst()
              .orElseThrow(() -> HubSpotError.notFound("Unable to find association " + id));
      s.removeAssociation(a);
    }
    return new Http.Reply(204, null);
  }
}
