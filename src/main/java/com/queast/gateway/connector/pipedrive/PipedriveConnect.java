package com.queast.gateway.connector.pipedrive;

import com.queast.gateway.common.FieldError;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.connector.ConnectRequest;
import com.queast.gateway.connector.ConnectResult;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verifies credentials and learns the company: {@code GET /api/v1/users/me} (v1 only) with an API
 * token ({@code x-api-token}) or an OAuth access token.
 */
final class PipedriveConnect {

  private final PipedriveHttp http;
  private final PipedriveAuth oauth;
  private final Pattern allowedDomains;

  PipedriveConnect(PipedriveHttp http, PipedriveAuth oauth, Pattern allowedDomains) {
    this.http = http;
    this.oauth = oauth;
    this.allowedDomains = allowedDomains;
  }

  Uni<ConnectResult> withApiToken(ConnectRequest request) {
    JsonObject body = request.body();
    Object token = body.getValue("apiToken");
    Object domain = body.getValue("apiDomain");
    List<FieldError> errors = new java.util.ArrayList<>();
    if (!(token instanceof String t) || t.isBlank()) {
      errors.add(new FieldError("apiToken", "required", "apiToken is required"));
    }
    if (!(domain instanceof String d) || !allowed(strip(d))) {
      errors.add(
          new FieldError(
              "apiDomain",
              "format",
              "apiDomain must be the company's Pipedrive URL, e.g. https://acme.pipedrive.com"));
    }
    if (!errors.isEmpty()) {
      return Uni.createFrom().failure(GatewayException.validation("invalid credentials", errors));
    }
    String apiDomain = strip((String) domain);
    JsonObject creds = new JsonObject().put("apiToken", token).put("apiDomain", apiDomain);
    return me(apiDomain, Map.of("x-api-token", (String) token)).map(me -> result(me, creds, null));
  }

  Uni<ConnectResult> exchange(String code) {
    return oauth
        .exchange(code)
        .invoke(
            r -> {
              if (!allowed(strip(r.credentials().getString("apiDomain", "")))) {
                throw new GatewayException(
                    "crm_answer_invalid",
                    502,
                    "Pipedrive's token answer named an api_domain outside pipedrive.apiDomainPattern");
              }
            })
        .chain(
            r ->
                me(
                        r.credentials().getString("apiDomain"),
                        Map.of(
                            "Authorization", "Bearer " + r.credentials().getString("accessToken")))
                    .map(me -> result(me, r.credentials(), r.expiresAt())));
  }

  private boolean allowed(String apiDomain) {
    return allowedDomains.matcher(apiDomain).matches();
  }

  private static ConnectResult result(JsonObject me, JsonObject creds, java.time.Instant exp) {
    String company = String.valueOf(me.getValue("company_id"));
    JsonObject config =
        new JsonObject()
            .put("apiDomain", creds.getString("apiDomain"))
            .put("companyId", company)
            .put("companyName", me.getString("company_name"))
            .put("companyDomain", me.getString("company_domain"))
            .put("userId", String.valueOf(me.getValue("id")));
    if (creds.getString("scope") != null) {
      config.put("scope", creds.getString("scope"));
    }
    return new ConnectResult(company, creds, exp, config);
  }

  private Uni<JsonObject> me(String apiDomain, Map<String, String> auth) {
    return http.send(
            strip(apiDomain) + PipedriveEndpoint.USERS_ME.path(), "GET", auth, Map.of(), null)
        .map(
            r -> {
              if (r.status() == 0) {
                throw GatewayException.validation(
                    "Pipedrive unreachable",
                    List.of(
                        new FieldError("apiDomain", "unreachable", "no answer from " + apiDomain)));
              }
              if (r.status() == 401 || r.status() == 403) {
                throw GatewayException.validation(
                    "credentials refused",
                    List.of(
                        new FieldError(
                            "apiToken",
                            "refused",
                            "Pipedrive refused the credentials: " + PipedriveErrors.message(r))));
              }
              if (!r.ok() || r.data() == null || r.data().getValue("company_id") == null) {
                throw new GatewayException(
                    "pipedrive_unavailable",
                    502,
                    "Pipedrive answered /users/me with " + PipedriveErrors.message(r));
              }
              return r.data();
            });
  }

  private static String strip(String d) {
    return d != null && d.endsWith("/") ? d.substring(0, d.length() - 1) : d;
  }
}
