package com.queast.gateway.sandbox.hubspot;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The associations of one portal, kept in both directions: adding a type also adds its inverse on
 * the other record, as HubSpot does. Guarded by the owning {@link Portal}'s lock.
 */
final class AssociationStore {

  /**
   * The contact property HubSpot keeps from a contact's primary company association (read-only):
   * set when a primary contact-to-company association is added, cleared when it is removed.
   */
  static final String PRIMARY_COMPANY = "associatedcompanyid";

  private static final int PRIMARY_CONTACT_TO_COMPANY = 1;

  private record Side(ObjectType type, long id, ObjectType toType) {}

  private final Map<Side, TreeMap<Long, Set<Integer>>> edges = new HashMap<>();
  private final Portal portal;
  private final CrmEvents events;

  AssociationStore(Portal portal, CrmEvents events) {
    this.portal = portal;
    this.events = events;
  }

  private void report(
      ObjectType from, long fromId, ObjectType to, long toId, int typeId, boolean removed) {
    AssociationTypes.find(typeId, from, to)
        .ifPresent(t -> events.associationChanged(portal, t, fromId, toId, removed));
  }

  /**
   * Adds a type between two records (and its inverse, and the unlabelled type a primary implies).
   *
   * @return true if anything was new
   */
  boolean add(AssociationTypes.Type type, long fromId, long toId) {
    boolean changed = put(type.from(), fromId, type.to(), toId, type.typeId());
    changed |= put(type.to(), toId, type.from(), fromId, type.inverseId());
    if (type.alsoCreates() != 0) {
      AssociationTypes.Type also =
          AssociationTypes.find(type.alsoCreates(), type.from(), type.to()).orElseThrow();
      changed |= add(also, fromId, toId);
    }
    return changed;
  }

  private boolean put(ObjectType from, long fromId, ObjectType to, long toId, int typeId) {
    boolean added =
        edges
            .computeIfAbsent(new Side(from, fromId, to), k -> new TreeMap<>())
            .computeIfAbsent(toId, k -> new TreeSet<>())
            .add(typeId);
    if (added) {
      report(from, fromId, to, toId, typeId, false);
      if (primaryCompany(from, to, typeId)) {
        portal
            .find(from, fromId)
            .ifPresent(o -> o.live().put(PRIMARY_COMPANY, Long.toString(toId)));
      }
    }
    return added;
  }

  private static boolean primaryCompany(ObjectType from, ObjectType to, int typeId) {
    return typeId == PRIMARY_CONTACT_TO_COMPANY
        && from == ObjectType.CONTACTS
        && to == ObjectType.COMPANIES;
  }

  private void primaryRemoved(Side side, long toId, int typeId) {
    if (primaryCompany(side.type(), side.toType(), typeId)) {
      portal
          .find(side.type(), side.id())
          .filter(o -> Long.toString(toId).equals(o.get(PRIMARY_COMPANY)))
          .ifPresent(o -> o.live().remove(PRIMARY_COMPANY));
    }
  }

  /**
   * Removes every type between two records, both directions.
   *
   * @return true if there was anything
   */
  boolean removeAll(ObjectType from, long fromId, ObjectType to, long toId) {
    boolean had = remove(new Side(from, fromId, to), toId);
    had |= remove(new Side(to, toId, from), fromId);
    return had;
  }

  /** Removes one type (and its inverse) between two records. */
  boolean removeType(AssociationTypes.Type type, long fromId, long toId) {
    boolean had = removeOne(new Side(type.from(), fromId, type.to()), toId, type.typeId());
    had |= removeOne(new Side(type.to(), toId, type.from()), fromId, type.inverseId());
    return had;
  }

  private boolean removeOne(Side side, long toId, int typeId) {
    TreeMap<Long, Set<Integer>> m = edges.get(side);
    if (m == null || !m.containsKey(toId)) {
      return false;
    }
    boolean had = m.get(toId).remove(typeId);
    if (had) {
      report(side.type(), side.id(), side.toType(), toId, typeId, true);
      primaryRemoved(side, toId, typeId);
    }
    if (m.get(toId).isEmpty()) {
      m.remove(toId);
    }
    return had;
  }

  private boolean remove(Side side, long toId) {
    TreeMap<Long, Set<Integer>> m = edges.get(side);
    Set<Integer> gone = m == null ? null : m.remove(toId);
    if (gone == null) {
      return false;
    }
    for (Integer typeId : gone) {
      report(side.type(), side.id(), side.toType(), toId, typeId, true);
      primaryRemoved(side, toId, typeId);
    }
    return true;
  }

  /** Target ids with their type ids, ascending by id. */
  TreeMap<Long, Set<Integer>> from(ObjectType from, long fromId, ObjectType to) {
    TreeMap<Long, Set<Integer>> m = edges.get(new Side(from, fromId, to));
    TreeMap<Long, Set<Integer>> copy = new TreeMap<>();
    if (m != null) {
      m.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
    }
    return copy;
  }

  /** Total number of (record, record) pairs, counting each direction once per stored side. */
  int size() {
    return edges.values().stream().mapToInt(Map::size).sum();
  }
}
