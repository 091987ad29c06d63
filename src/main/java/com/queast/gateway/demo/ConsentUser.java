package com.queast.gateway.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRM user granting the gateway access as they would in a browser: open the authorize URL the
 * gateway answered, read the vendor's consent form, choose the account, press approve, and follow
 * the vendor's redirect back to the gateway's OAuth callback.
 */
final class ConsentUser {

  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  private final DemoHttp browser = new DemoHttp(null);

  /**
   * Runs the consent.
   *
   * @param authorizeUrl the gateway's authorize URL (the vendor's consent page)
   * @param accountField the form's account field ({@code portal_id} or {@code company_id})
   * @param accountId the account to pick
   * @return the gateway callback's page
   */
  String approve(String authorizeUrl, String accountField, String accountId) {
    DemoHttp.Res page = browser.get(authorizeUrl).ok();
    Map<String, String> form = new LinkedHashMap<>();
    Matcher m = HIDDEN.matcher(page.body());
    while (m.find()) {
      form.put(m.group(1), unescape(m.group(2)));
    }
    if (!form.containsKey("redirect_uri")) {
      throw new IllegalStateException("no consent form at " + authorizeUrl + ": " + page.body());
    }
    form.put(accountField, accountId);
    form.put("decision", "approve");
    java.net.URI base = java.net.URI.create(authorizeUrl);
    DemoHttp.Res decided = browser.form(base.resolve("/oauth/authorize/decision").toString(), form);
    if (decided.status() != 302 || decided.location() == null) {
      throw new IllegalStateException(
          "consent answered " + decided.status() + ": " + decided.body());
    }
    DemoHttp.Res callback = browser.get(decided.location());
    if (callback.status() != 200) {
      throw new IllegalStateException(
          "OAuth callback answered " + callback.status() + ": " + callback.body());
    }
    return callback.body();
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
