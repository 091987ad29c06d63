package com.queast.gateway.jobqueue;

/** Job kinds known to the gateway. A kind names the worker that handles it. */
public final class JobKinds {

  /** Deliver one Queast record to one connection. */
  public static final String DELIVER = "deliver";

  /** Handle one received CRM webhook event (interest → bookmark). */
  public static final String INBOUND = "inbound";

  /**
   * Erase one person in one connection's CRM with the vendor's erasure means (issue 16). Its own
   * kind, so a later update of the same id never coalesces it away.
   */
  public static final String ERASE = "erase";

  private JobKinds() {}
}
