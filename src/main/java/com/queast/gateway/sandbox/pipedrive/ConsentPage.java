package com.queast.gateway.sandbox.pipedrive;

import java.util.List;

/** The HTML consent page of {@code /oauth/authorize} when auto-consent is off. */
final class ConsentPage {

  private ConsentPage() {}

  static String render(
      String clientId, String redirect, String state, Company selected, List<Company> companies) {
    StringBuilder options = new StringBuilder();
    for (Company c : companies) {
      options
          .append("<option value=\"")
          .append(c.id)
          .append(c.id == selected.id ? "\" selected>" : "\">")
          .append(OAuthServer.escape(c.name + " (" + c.id + ")"))
          .append("</option>");
    }
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Pipedrive sandbox: authorize app</title>
        <style>body{font-family:sans-serif;max-width:32em;margin:4em auto}button{margin:.5em}</style>
        </head><body>
        <h1>Allow access to your Pipedrive company?</h1>
        <p>The app <strong>%s</strong> asks to access data of the company below.</p>
        <form method="post" action="/oauth/authorize/decision">
        <input type="hidden" name="client_id" value="%s">
        <input type="hidden" name="redirect_uri" value="%s">
        <input type="hidden" name="state" value="%s">
        <label>Company <select name="company_id">%s</select></label><br>
        <button type="submit" name="decision" value="approve" id="approve">Approve</button>
        <button type="submit" name="decision" value="deny" id="deny">Deny</button>
        </form></body></html>
        """
        .formatted(
            OAuthServer.escape(clientId),
            OAuthServer.escape(clientId),
            OAuthServer.escape(redirect),
            OAuthServer.escape(state),
            options);
  }
}
