package com.queast.gateway.sandbox.hubspot;

import java.util.List;
import java.util.Optional;

/**
 * HubSpot's default ({@code HUBSPOT_DEFINED}) association types between the object types the
 * sandbox serves, with the ids of the associations guide (§2.2 of the vendor notes).
 */
public final class AssociationTypes {

  /**
   * One association type.
   *
   * @param typeId HubSpot type id
   * @param from source type
   * @param to target type
   * @param label label, or null for the unlabelled default
   * @param inverseId the type id of the reverse direction
   * @param alsoCreates a type id created along with this one (primary also creates unlabelled), or
   *     0
   */
  public record Type(
      int typeId, ObjectType from, ObjectType to, String label, int inverseId, int alsoCreates) {

    /**
     * The snake-case name used in v3 {@code associations} output, e.g. {@code
     * contact_to_company_unlabeled}.
     *
     * @return name
     */
    public String v3Name() {
      String base = from.singular() + "_to_" + to.singular();
      if (label == null && (typeId == 279 || typeId == 280)) {
        return base + "_unlabeled";
      }
      return base;
    }

    /**
     * {@code HUBSPOT_DEFINED} for HubSpot's types, {@code USER_DEFINED} for the types a custom
     * object schema defines.
     *
     * @return category
     */
    public String category() {
      return from.custom() || to.custom() ? "USER_DEFINED" : "HUBSPOT_DEFINED";
    }
  }

  private static final ObjectType CO = ObjectType.COMPANIES;
  private static final ObjectType CT = ObjectType.CONTACTS;
  private static final ObjectType NO = ObjectType.NOTES;
  private static final ObjectType TA = ObjectType.TASKS;

  private static final List<Type> ALL =
      List.of(
          new Type(279, CT, CO, null, 280, 0),
          new Type(1, CT, CO, "Primary", 2, 279),
          new Type(280, CO, CT, null, 279, 0),
          new Type(2, CO, CT, "Primary", 1, 280),
          new Type(190, NO, CO, null, 189, 0),
          new Type(189, CO, NO, null, 190, 0),
          new Type(202, NO, CT, null, 201, 0),
          new Type(201, CT, NO, null, 202, 0),
          new Type(192, TA, CO, null, 191, 0),
          new Type(191, CO, TA, null, 192, 0),
          new Type(204, TA, CT, null, 203, 0),
          new Type(203, CT, TA, null, 204, 0),
          new Type(450, CO, CO, null, 450, 0),
          new Type(13, CO, CO, "Child Company", 14, 450),
          new Type(14, CO, CO, "Parent Company", 13, 450),
          new Type(449, CT, CT, null, 449, 0));

  private AssociationTypes() {}

  private static java.util.stream.Stream<Type> candidates(ObjectType from, ObjectType to) {
    java.util.stream.Stream<Type> out = ALL.stream();
    if (from.custom()) {
      out = java.util.stream.Stream.concat(out, from.customAssociations().stream());
    }
    if (to != null && to.custom() && to != from) {
      out = java.util.stream.Stream.concat(out, to.customAssociations().stream());
    }
    return out;
  }

  /**
   * Looks a type up by id and direction.
   *
   * @param typeId type id
   * @param from source type
   * @param to target type, or null to accept any
   * @return the type if HubSpot defines it for that direction
   */
  public static Optional<Type> find(int typeId, ObjectType from, ObjectType to) {
    return candidates(from, to)
        .filter(t -> t.typeId == typeId && t.from == from && (to == null || t.to == to))
        .findFirst();
  }

  /**
   * The unlabelled default type between two object types.
   *
   * @param from source type
   * @param to target type
   * @return the default, if the pair can be associated
   */
  public static Optional<Type> defaultType(ObjectType from, ObjectType to) {
    return candidates(from, to)
        .filter(t -> t.from == from && t.to == to && t.label == null)
        .findFirst();
  }

  /**
   * A type by its v3 snake-case name (e.g. {@code note_to_contact}) or numeric id, for a direction.
   *
   * @param nameOrId name or id
   * @param from source type
   * @param to target type
   * @return the type
   */
  public static Optional<Type> byNameOrId(String nameOrId, ObjectType from, ObjectType to) {
    try {
      return find(Integer.parseInt(nameOrId.trim()), from, to);
    } catch (NumberFormatException e) {
      return candidates(from, to)
          .filter(t -> t.from == from && t.to == to && t.v3Name().equalsIgnoreCase(nameOrId))
          .findFirst();
    }
  }

  /**
   * A type by id for a pair of types.
   *
   * @param typeId type id
   * @param from source type
   * @param to target type
   * @return the type
   */
  public static Optional<Type> byId(int typeId, ObjectType from, ObjectType to) {
    return find(typeId, from, to);
  }
}
