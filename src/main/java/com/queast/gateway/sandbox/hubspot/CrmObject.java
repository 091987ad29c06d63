package com.queast.gateway.sandbox.hubspot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored CRM record. Property values are strings, as HubSpot stores them. The record also keeps
 * the version the search index sees, which lags writes by the configured indexing delay. Guarded by
 * the owning {@link Portal}'s lock.
 */
public final class CrmObject {

  private final ObjectType type;
  private final long id;
  private final Instant createdAt;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private Instant updatedAt;
  private Instant archivedAt;
  private Indexed indexed;
  private Indexed pending;

  /** What the search index holds for a record: a copy of its state, visible from a time on. */
  record Indexed(Map<String, String> properties, boolean archived, Instant visibleAt) {}

  CrmObject(ObjectType type, long id, Instant createdAt) {
    this.type = type;
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /**
   * Object type.
   *
   * @return type
   */
  public ObjectType type() {
    return type;
  }

  /**
   * Record id.
   *
   * @return id
   */
  public long id() {
    return id;
  }

  /**
   * Creation time.
   *
   * @return instant
   */
  public Instant createdAt() {
    return createdAt;
  }

  /**
   * Last modification time.
   *
   * @return instant
   */
  public Instant updatedAt() {
    return updatedAt;
  }

  /**
   * Archive time, or null while live.
   *
   * @return instant or null
   */
  public Instant archivedAt() {
    return archivedAt;
  }

  /**
   * Whether archived (deleted, restorable).
   *
   * @return true when archived
   */
  public boolean archived() {
    return archivedAt != null;
  }

  /**
   * A copy of the property values.
   *
   * @return name to value
   */
  public Map<String, String> properties() {
    return new LinkedHashMap<>(properties);
  }

  /**
   * One property value.
   *
   * @param name property name
   * @return value or null
   */
  public String get(String name) {
    return properties.get(name);
  }

  Map<String, String> live() {
    return properties;
  }

  void touch(Instant at) {
    updatedAt = at;
    properties.put(type.modifiedProperty(), HubSpotTime.format(at));
  }

  void archive(Instant at) {
    archivedAt = at;
  }

  /**
   * Records a new state for the search index, visible once {@code delayMs} has passed.
   *
   * @param now write time
   * @param delayMs indexing delay
   */
  void reindex(Instant now, long delayMs) {
    promote(now);
    Indexed next =
        new Indexed(new LinkedHashMap<>(properties), archived(), now.plusMillis(delayMs));
    if (delayMs <= 0) {
      indexed = next;
      pending = null;
    } else {
      pending = next;
    }
  }

  /**
   * The state search sees at {@code now}, or null if the record is not indexed yet.
   *
   * @param now current time
   * @return indexed state or null
   */
  Indexed searchView(Instant now) {
    promote(now);
    return indexed;
  }

  private void promote(Instant now) {
    if (pending != null && !pending.visibleAt().isAfter(now)) {
      indexed = pending;
      pending = null;
    }
  }
}
