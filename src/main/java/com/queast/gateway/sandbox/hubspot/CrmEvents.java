package com.queast.gateway.sandbox.hubspot;

/**
 * Changes to CRM data that webhooks can report. Called synchronously, under the portal's lock, by
 * {@link ObjectService}; implementations must only enqueue.
 */
public interface CrmEvents {

  /** Where a change came from, as webhook payloads report it in {@code changeSource}. */
  enum Source {
    /** A call to the public API by an app. */
    INTEGRATION,
    /** A user in the HubSpot UI (the sandbox's admin actions). */
    CRM_UI
  }

  /**
   * A record was created.
   *
   * @param portal portal
   * @param object the record
   * @param source where from
   */
  void created(Portal portal, CrmObject object, Source source);

  /**
   * A property value changed (including being set at creation).
   *
   * @param portal portal
   * @param object the record
   * @param property property name
   * @param value new value
   * @param source where from
   */
  void propertyChanged(
      Portal portal, CrmObject object, String property, String value, Source source);

  /**
   * A record was archived.
   *
   * @param portal portal
   * @param object the record
   * @param source where from
   */
  void deleted(Portal portal, CrmObject object, Source source);

  /**
   * An association type between two records was added or removed (called once per direction).
   *
   * @param portal portal
   * @param type the association type, in the direction reported
   * @param fromId source record
   * @param toId target record
   * @param removed true when removed
   */
  default void associationChanged(
      Portal portal, AssociationTypes.Type type, long fromId, long toId, boolean removed) {}

  /** Ignores every change. */
  CrmEvents NONE =
      new CrmEvents() {
        @Override
        public void created(Portal portal, CrmObject object, Source source) {}

        @Override
        public void propertyChanged(
            Portal portal, CrmObject object, String property, String value, Source source) {}

        @Override
        public void deleted(Portal portal, CrmObject object, Source source) {}
      };
}
