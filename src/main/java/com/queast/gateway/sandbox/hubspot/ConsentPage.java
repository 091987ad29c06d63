package com.queast.gateway.sandbox.hubspot;

import java.util.List;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/** The HTML of the sandbox's install consent page and its error page. */
final class ConsentPage {

  private static final String[] CARRIED = {"client_id", "redirect_uri", "state", "scope"};

  private ConsentPage() {}

  static String render(Map<String, String> q, List<Portal> portals) {
    StringBuilder hidden = new StringBuilder();
    for (String k : CARRIED) {
      if (q.get(k) != null) {
        hidden
            .append("<input type=\"hidden\" name=\"")
            .append(k)
            .append("\" value=\"")
            .append(esc(q.get(k)))
            .append("\">\n");
      }
    }
    StringBuilder options = new StringBuilder();
    String wanted = q.get("portal_id");
    for (Portal p : portals) {
      String id = Long.toString(p.id());
      options
          .append("<option value=\"")
          .append(id)
          .append(id.equals(wanted) ? "\" selected>" : "\">")
          .append("Portal ")
          .append(id)
          .append("</option>\n");
    }
    options.append("<option value=\"new\">Create a new portal</option>\n");
    StringBuilder scopes = new StringBuilder();
    for (String s : q.getOrDefault("scope", "").split(" ")) {
      if (!s.isBlank()) {
        scopes.append("<li>").append(esc(s)).append("</li>\n");
      }
    }
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Connect app - HubSpot sandbox</title>"
        + "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto}"
        + "button{padding:.5em 1.5em;margin-right:1em}</style></head><body>\n"
        + "<h1>Connect app to HubSpot (sandbox)</h1>\n"
        + "<p>The app <code>"
        + esc(q.get("client_id"))
        + "</code> asks for access to:</p>\n<ul>\n"
        + scopes
        + "</ul>\n<form method=\"post\" action=\"/oauth/authorize/decision\">\n"
        + hidden
        + "<label>Choose an account: <select name=\"portal_id\">\n"
        + options
        + "</select></label>\n<p><button type=\"submit\" name=\"decision\" value=\"approve\""
        + " id=\"approve\">Connect app</button>"
        + "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Cancel</button>"
        + "</p>\n</form>\n</body></html>\n";
  }

  static String error(String message) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Authorization error - HubSpot sandbox</title></head><body>\n"
        + "<h1>Authorization error</h1>\n<p id=\"error\">"
        + esc(message)
        + "</p>\n</body></html>\n";
  }

  private static String esc(String s) {
    return StringEscapeUtils.escapeHtml4(s == null ? "" : s);
  }
}
