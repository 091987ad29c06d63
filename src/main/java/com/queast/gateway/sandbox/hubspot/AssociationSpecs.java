package com.queast.gateway.sandbox.hubspot;

import io.vertx.core.json.JsonObject;

/** Reads {@code {associationCategory, associationTypeId}} specs and checks association targets. */
final class AssociationSpecs {

  private AssociationSpecs() {}

  /**
   * The type an association spec names, checked against the direction.
   *
   * @param from source type
   * @param to target type, or null when the spec alone decides it
   * @param spec {@code {associationCategory, associationTypeId}}
   * @return the type
   * @throws HubSpotError 400 for an unknown category or type id
   */
  static AssociationTypes.Type resolve(ObjectType from, ObjectType to, JsonObject spec) {
    String category = spec.getString("associationCategory", "HUBSPOT_DEFINED");
    Object idValue = spec.getValue("associationTypeId");
    int typeId;
    try {
      typeId = Integer.parseInt(String.valueOf(idValue));
    } catch (NumberFormatException e) {
      throw HubSpotError.validation("associationTypeId is required and must be a number");
    }
    AssociationTypes.Type type =
        AssociationTypes.find(typeId, from, to)
            .orElseThrow(
                () ->
                    HubSpotError.validation(
                        "association type id "
                            + typeId
                            + " doesn't exist between "
                            + from.singular()
                            + " and "
                            + (to == null ? "any supported object type" : to.singular())));
    if (!type.category().equals(category)) {
      // HubSpot-defined types are HUBSPOT_DEFINED; the types a custom object schema defines are
      // USER_DEFINED (the sandbox has no user-defined labels besides those).
      throw HubSpotError.validation(
          "association type "
              + typeId
              + " of category "
              + category
              + " is not defined between "
              + from.singular()
              + " and "
              + (to == null ? "its target" : to.singular())
              + " (it is "
              + type.category()
              + ")");
    }
    return type;
  }

  /**
   * The id of a live target record.
   *
   * @param portal portal
   * @param type target type
   * @param id id text
   * @return the id
   * @throws HubSpotError 400 when the target does not exist
   */
  static long requireTarget(Portal portal, ObjectType type, String id) {
    try {
      long n = Long.parseLong(id.trim());
      if (portal.find(type, n).filter(o -> !o.archived()).isPresent()) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the error
    }
    throw new HubSpotError(
        400,
        "VALIDATION_ERROR",
        "One or more associations are invalid: " + type.upper() + " " + id + " does not exist",
        "crm.associations.INVALID_OBJECT_IDS",
        new JsonObject().put("toObjectId", new io.vertx.core.json.JsonArray().add(id)),
        null,
        null);
  }
}
