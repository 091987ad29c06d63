package com.queast.gateway.connector;

/**
 * CRM clients never follow redirects: a 3xx from a vendor could carry the connection's credentials
 * to another host. This is the error such an answer becomes, shared by every connector's client.
 */
public final class Redirects {

  private Redirects() {}

  /**
   * The error of a redirect answer, naming the status and the target host only (never the whole
   * location, which may carry tokens in its query).
   *
   * @param vendor the CRM's name as users know it, e.g. {@code HubSpot}
   * @param status the 3xx status
   * @param location the Location header, or null
   * @return a message without credentials
   */
  public static String refused(String vendor, int status, String location) {
    String host = "unknown host";
    try {
      if (location != null && java.net.URI.create(location).getHost() != null) {
        host = java.net.URI.create(location).getHost();
      }
    } catch (IllegalArgumentException e) {
      host = "an invalid location";
    }
    return vendor
        + " answered HTTP "
        + status
        + " redirecting to "
        + host
        + "; redirects are never followed (credentials stay on "
        + vendor
        + "'s hosts)";
  }
}
