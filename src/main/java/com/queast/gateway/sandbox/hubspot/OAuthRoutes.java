package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.sandbox.common.SandboxResponses;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * OAuth 2.0: the install/consent flow ({@code /oauth/authorize}, served here on the API host; in
 * HubSpot it lives on {@code app.hubspot.com}), the v1 token, introspection and refresh-token
 * endpoints, and the dated {@code /oauth/2026-03/token} family.
 */
final class OAuthRoutes {

  private final HubSpotSandboxOptions options;
  private final PortalRegistry portals;
  private final TokenStore tokens;

  OAuthRoutes(HubSpotSandboxOptions options, PortalRegistry portals, TokenStore tokens) {
    this.options = options;
    this.portals = portals;
    this.tokens = tokens;
  }

  void mount(Router r) {
    r.get("/oauth/authorize").handler(this::authorize);
    r.get("/oauth/:portalId/authorize").handler(this::authorize);
    r.post("/oauth/authorize/decision").handler(this::decision);
    for (String v : new String[] {"v1", "v3", "2026-03"}) {
      boolean dated = !"v1".equals(v);
      r.post("/oauth/" + v + "/token").handler(ctx -> token(ctx, dated));
    }
    for (String v : new String[] {"v3", "2026-03"}) {
      r.post("/oauth/" + v + "/token/introspect").handler(this::introspect);
      r.post("/oauth/" + v + "/token/revoke").handler(this::revoke);
    }
    r.get("/oauth/v1/access-tokens/:token").handler(this::accessTokenInfo);
    r.get("/oauth/v1/refresh-tokens/:token").handler(this::refreshTokenInfo);
    r.delete("/oauth/v1/refresh-tokens/:token").handler(this::deleteRefreshToken);
  }

  private void authorize(RoutingContext ctx) {
    Map<String, String> q = new HashMap<>();
    ctx.queryParams().names().forEach(n -> q.put(n, ctx.queryParams().get(n)));
    if (ctx.pathParam("portalId") != null) {
      q.put("portal_id", ctx.pathParam("portalId"));
    }
    if (!options.clientId().equals(q.get("client_id"))) {
      html(ctx, 400, ConsentPage.error("Unknown client_id " + q.get("client_id")));
      return;
    }
    String redirect = q.get("redirect_uri");
    if (redirect == null || redirect.isBlank()) {
      html(ctx, 400, ConsentPage.error("redirect_uri is required"));
      return;
    }
    Set<String> granted = scopes(q.get("scope"));
    Set<String> missing = new LinkedHashSet<>(options.appScopes());
    missing.removeAll(granted);
    missing.remove("oauth");
    if (!missing.isEmpty()) {
      html(
          ctx,
          400,
          ConsentPage.error("The scope parameter is missing required scopes: " + missing));
      return;
    }
    granted.addAll(scopes(q.get("optional_scope")));
    q.put("scope", String.join(" ", granted));
    boolean auto = options.autoConsent() || "true".equals(q.get("sandbox_auto_consent"));
    if (auto) {
      approve(ctx, q);
    } else {
      html(ctx, 200, ConsentPage.render(q, portals.all()));
    }
  }

  private void decision(RoutingContext ctx) {
    Map<String, String> f = form(ctx);
    if (!options.clientId().equals(f.get("client_id")) || f.get("redirect_uri") == null) {
      html(ctx, 400, ConsentPage.error("Invalid consent form"));
      return;
    }
    if (!"approve".equals(f.get("decision"))) {
      redirect(
          ctx,
          f.get("redirect_uri"),
          "error=access_denied&error_description=" + enc("The user denied the request"),
          f.get("state"));
      return;
    }
    approve(ctx, f);
  }

  private void approve(RoutingContext ctx, Map<String, String> q) {
    Portal portal;
    String pid = q.get("portal_id");
    if (pid != null && !pid.isBlank() && !"new".equals(pid)) {
      try {
        portal = portals.find(Long.parseLong(pid.trim())).orElse(null);
      } catch (NumberFormatException e) {
        portal = null;
      }
      if (portal == null) {
        html(ctx, 400, ConsentPage.error("Unknown portal " + pid));
        return;
      }
    } else if ("new".equals(pid)) {
      portal = portals.create(null, null, null);
    } else {
      portal = portals.latest().orElseGet(() -> portals.create(null, null, null));
    }
    portal.installApp();
    Set<String> granted = scopes(q.get("scope"));
    if (!portal.enterprise()) {
      // Optional scopes the account lacks the tool for are dropped (§4.1): custom objects need
      // Enterprise. Required ones were checked against the app's scopes above.
      Set<String> optional = scopes(q.get("optional_scope"));
      optional.retainAll(CustomScopes.ALL);
      optional.removeAll(options.appScopes());
      granted.removeAll(optional);
    }
    String code = tokens.issueCode(portal, granted, q.get("redirect_uri"));
    redirect(ctx, q.get("redirect_uri"), "code=" + enc(code), q.get("state"));
  }

  private void token(RoutingContext ctx, boolean dated) {
    Map<String, String> f = form(ctx);
    try {
      JsonObject out =
          switch (f.getOrDefault("grant_type", "")) {
            case "authorization_code" -> tokens.exchangeCode(f);
            case "refresh_token" -> tokens.refresh(f);
            default ->
                throw new OAuthError(
                    400,
                    "UNSUPPORTED_GRANT_TYPE",
                    "unsupported_grant_type",
                    "grant_type must be authorization_code or refresh_token");
          };
      if (!dated) {
        out.remove("scopes");
      }
      SandboxResponses.json(ctx, 200, out);
    } catch (OAuthError e) {
      SandboxResponses.json(ctx, e.httpStatus(), e.toJson(dated));
    }
  }

  private void introspect(RoutingContext ctx) {
    try {
      SandboxResponses.json(ctx, 200, tokens.introspect(form(ctx)));
    } catch (OAuthError e) {
      SandboxResponses.json(ctx, e.httpStatus(), e.toJson(true));
    }
  }

  private void revoke(RoutingContext ctx) {
    Map<String, String> f = form(ctx);
    if (!options.clientId().equals(f.get("client_id"))
        || !options.clientSecret().equals(f.get("client_secret"))) {
      OAuthError e =
          new OAuthError(401, "BAD_CLIENT_ID", "invalid_client", "invalid client credentials");
      SandboxResponses.json(ctx, e.httpStatus(), e.toJson(true));
      return;
    }
    tokens.revokeAny(f.get("token"));
    SandboxResponses.json(ctx, 200, null);
  }

  private void accessTokenInfo(RoutingContext ctx) {
    JsonObject info = tokens.introspectAccessV1(ctx.pathParam("token"));
    if (info == null) {
      SandboxResponses.json(
          ctx,
          404,
          HubSpotError.notFound("The access token is expired or does not exist").toJson());
      return;
    }
    SandboxResponses.json(ctx, 200, info);
  }

  private void refreshTokenInfo(RoutingContext ctx) {
    JsonObject info = tokens.introspectRefreshV1(ctx.pathParam("token"));
    if (info == null) {
      SandboxResponses.json(
          ctx,
          404,
          HubSpotError.notFound("The refresh token is revoked or does not exist").toJson());
      return;
    }
    SandboxResponses.json(ctx, 200, info);
  }

  private void deleteRefreshToken(RoutingContext ctx) {
    if (!tokens.revokeRefresh(ctx.pathParam("token"))) {
      SandboxResponses.json(
          ctx,
          404,
          HubSpotError.notFound("The refresh token is revoked or does not exist").toJson());
      return;
    }
    SandboxResponses.json(ctx, 204, null);
  }

  private static Map<String, String> form(RoutingContext ctx) {
    Map<String, String> f = new HashMap<>();
    ctx.request()
        .formAttributes()
        .names()
        .forEach(n -> f.put(n, ctx.request().formAttributes().get(n)));
    return f;
  }

  private static Set<String> scopes(String s) {
    Set<String> out = new LinkedHashSet<>();
    if (s != null) {
      for (String part : s.trim().split("[\\s+]+")) {
        if (!part.isBlank()) {
          out.add(part);
        }
      }
    }
    return out;
  }

  private static void redirect(RoutingContext ctx, String uri, String query, String state) {
    String q = query + (state == null ? "" : "&state=" + enc(state));
    String location = uri + (uri.contains("?") ? "&" : "?") + q;
    ctx.response().setStatusCode(302).putHeader("Location", location).endAndForget();
  }

  private static void html(RoutingContext ctx, int status, String page) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html;charset=utf-8")
        .endAndForget(page);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
