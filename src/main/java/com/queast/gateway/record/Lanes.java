package com.queast.gateway.record;

/**
 * Lane keys. A lane is one CRM account ({@code hubspot:<portalId>}, {@code pipedrive:<companyId>}):
 * the unit the vendor rate-limits, so the unit the gateway paces, batches and serves fairly.
 */
public final class Lanes {

  private Lanes() {}

  /**
   * The lane of a CRM account.
   *
   * @param crm connector id
   * @param accountId CRM account id
   * @return lane key
   */
  public static String of(String crm, String accountId) {
    return crm + ":" + accountId;
  }

  /**
   * The connector id a lane belongs to.
   *
   * @param lane lane key
   * @return the part before the first colon
   */
  public static String crmOf(String lane) {
    int i = lane.indexOf(':');
    return i < 0 ? lane : lane.substring(0, i);
  }
}
