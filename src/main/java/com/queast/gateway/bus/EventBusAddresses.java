package com.queast.gateway.bus;

/**
 * Every event-bus address the gateway uses, in one place (also listed in {@code
 * docs/event-bus.md}). Messages are Java records passed by reference with {@link LocalCodec}; the
 * bus is local to one instance (Postgres is the only thing instances share).
 */
public final class EventBusAddresses {

  /** Codec name for every message: objects passed by reference within the JVM. */
  public static final String CODEC = LocalCodec.NAME;

  private EventBusAddresses() {}

  /**
   * Pace request for a connector: {@code PaceRequest} → {@code PaceDecision}.
   *
   * @param crm connector id
   * @return address
   */
  public static String pace(String crm) {
    return "gateway.connector." + crm + ".pace";
  }

  /**
   * Delivery of a batch: {@code DeliveryBatch} → {@code BatchResult}.
   *
   * @param crm connector id
   * @return address
   */
  public static String deliver(String crm) {
    return "gateway.connector." + crm + ".deliver";
  }

  /**
   * One page of the CRM's records for the matching index: {@code ListRequest} → {@code CrmPage}.
   *
   * @param crm connector id
   * @return address
   */
  public static String list(String crm) {
    return "gateway.connector." + crm + ".list";
  }

  /**
   * One CRM record's current state: {@code FetchRequest} → {@code FetchedRecord}.
   *
   * @param crm connector id
   * @return address
   */
  public static String fetch(String crm) {
    return "gateway.connector." + crm + ".fetch";
  }

  /**
   * One page of records changed since a watermark: {@code ChangesRequest} → {@code ChangedPage}.
   *
   * @param crm connector id
   * @return address
   */
  public static String changes(String crm) {
    return "gateway.connector." + crm + ".changes";
  }

  /**
   * Published (not sent) when work may be available in a lane: body is the lane key or "" for any.
   */
  public static final String WORK_AVAILABLE = "gateway.delivery.work-available";
}
