package com.queast.gateway.sandbox.hubspot;

import static io.vertx.core.http.HttpMethod.POST;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /crm/v3/objects/contacts/gdpr-delete} (and the dated paths): "Permanently delete a
 * contact and all associated content to follow GDPR. Use optional property idProperty set to email
 * to identify contact by email address. If email address is not found, the email address will be
 * added to a blocklist" (HubSpot API reference, "Permanently delete a contact (GDPR-compliant)").
 * Body {@code {objectId, idProperty?}}; 204 without a body. Unlike an archive, the contact is gone
 * for good (not restorable, not listed with {@code archived=true}) with its associations; a
 * deletion event fires. Only contacts have it; an unknown id is a 404 {@code OBJECT_NOT_FOUND}.
 */
final class GdprRoutes {

  private final ObjectService objects;
  private final Map<Long, Set<String>> blocklist = new ConcurrentHashMap<>();

  GdprRoutes(ObjectService objects) {
    this.objects = objects;
  }

  void mount(Router r) {
    Http.on(r, POST, Http.OBJECTS, "/:objectType/gdpr-delete", this::gdprDelete);
  }

  /**
   * Emails a GDPR delete blocklisted because no contact had them.
   *
   * @param portalId portal
   * @return the blocklisted emails
   */
  Set<String> blocklisted(long portalId) {
    return blocklist.getOrDefault(portalId, Set.of());
  }

  private Http.Reply gdprDelete(RoutingContext ctx) {
    ObjectType type = Http.type(ctx, "objectType");
    if (type != ObjectType.CONTACTS) {
      throw HubSpotError.notFound("GDPR delete exists for contacts only");
    }
    Principal p = Http.require(ctx, type.writeScope());
    JsonObject body = Http.body(ctx);
    Object id = body.getValue("objectId");
    if (!(id instanceof String || id instanceof Number) || String.valueOf(id).isBlank()) {
      throw HubSpotError.validation("objectId is required");
    }
    String objectId = String.valueOf(id).trim();
    String idProperty = body.getString("idProperty");
    Portal portal = p.portal();
    Optional<CrmObject> target;
    if ("email".equals(idProperty)) {
      target = portal.findBy(type, "email", objectId);
      if (target.isEmpty()) {
        blocklist
            .computeIfAbsent(
                portal.id(), k -> java.util.Collections.synchronizedSet(new HashSet<>()))
            .add(objectId.toLowerCase(java.util.Locale.ROOT));
        return new Http.Reply(204, null);
      }
    } else if (idProperty != null && !idProperty.isEmpty()) {
      target = objects.resolve(portal, type, objectId, idProperty, false);
      if (target.isEmpty()) {
        target = objects.resolve(portal, type, objectId, idProperty, true);
      }
    } else {
      try {
        target = portal.find(type, Long.parseLong(objectId));
      } catch (NumberFormatException e) {
        target = Optional.empty();
      }
    }
    CrmObject o = target.orElseThrow(() -> HubSpotError.objectNotFound(objectId));
    objects.purge(portal, o, CrmEvents.Source.INTEGRATION);
    return new Http.Reply(204, null);
  }
}
