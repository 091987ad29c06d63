package com.queast.gateway.jobqueue;

/** Job kinds known to the gateway. A kind names the worker that handles it. */
public final class JobKinds {

  /** Deliver one Queast record to one connection. */
  public static final String DELIVER = "deliver";

  /** Handle one received CRM webhook event (interest → bookmark). */
  public static final String INBOUND = "inbound";

  private JobKinds() {}
}
