package com.queast.gateway.sandbox.pipedrive;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.commons.text.StringEscapeUtils;

/**
 * The OAuth 2 server the vendor runs at {@code oauth.pipedrive.com} (vendor notes §2.2), served on
 * the sandbox's own port: {@code GET /oauth/authorize} (auto-consent or an HTML consent page),
 * {@code POST /oauth/token} (form-encoded, HTTP Basic client credentials, grants {@code
 * authorization_code} and {@code refresh_token}; answers {@code api_domain} = the sandbox) and
 * {@code POST /oauth/revoke}. Error bodies carry {@code error}/{@code error_description} with the
 * vendor's messages.
 */
final class OAuthServer {

  private final PipedriveSandboxOptions options;
  private final Registry registry;
  private final OAuthStore store;
  private final Supplier<String> baseUrl;
  private final AtomicBoolean autoConsent;

  OAuthServer(
      PipedriveSandboxOptions options,
      Registry registry,
      OAuthStore store,
      Supplier<String> baseUrl) {
    this.options = options;
    this.registry = registry;
    this.store = store;
    this.baseUrl = baseUrl;
    this.autoConsent = new AtomicBoolean(options.oauthAutoConsent());
  }

  void setAutoConsent(boolean on) {
    autoConsent.set(on);
  }

  boolean autoConsent() {
    return autoConsent.get();
  }

  void register(Router router) {
    router.get("/oauth/authorize").handler(this::authorize);
    router.post("/oauth/authorize/decision").handler(this::decision);
    router.post("/oauth/token").handler(this::token);
    router.post("/oauth/revoke").handler(this::revoke);
  }

  private static PdError oauthError(int status, String code, String description) {
    return new PdError(
        status,
        new JsonObject()
            .put("success", false)
            .put("error", code)
            .put("error_description", description)
            .put("message", description));
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      v = ctx.request().getFormAttribute(name);
    }
    return v == null || v.isEmpty() ? null : v;
  }

  private Company companyFor(RoutingContext ctx) {
    String id = param(ctx, "company_id");
    Company c = id == null ? registry.latest() : registry.byId(Query.integer("company_id", id));
    if (c == null) {
      throw oauthError(400, "invalid_request", "No company: POST /_sandbox/companies first");
    }
    return c;
  }

  private String checkClientAndRedirect(RoutingContext ctx) {
    if (!options.clientId().equals(param(ctx, "client_id"))) {
      throw oauthError(400, "invalid_client", "Invalid client: client is invalid");
    }
    String redirect = param(ctx, "redirect_uri");
    try {
      if (redirect == null || URI.create(redirect).getScheme() == null) {
        throw oauthError(
            400, "invalid_request", "Invalid request: redirect_uri is not a valid URI");
      }
    } catch (IllegalArgumentException e) {
      throw oauthError(400, "invalid_request", "Invalid request: redirect_uri is not a valid URI");
    }
    return redirect;
  }

  private void authorize(RoutingContext ctx) {
    String redirect = checkClientAndRedirect(ctx);
    Company company = companyFor(ctx);
    String state = param(ctx, "state");
    if (autoConsent.get()) {
      approve(ctx, company, redirect, state);
      return;
    }
    ctx.response()
        .putHeader("content-type", "text/html; charset=utf-8")
        .endAndForget(
            ConsentPage.render(options.clientId(), redirect, state, company, registry.all()));
  }

  private void decision(RoutingContext ctx) {
    String redirect = checkClientAndRedirect(ctx);
    String state = param(ctx, "state");
    if (!"approve".equals(param(ctx, "decision"))) {
      redirect(ctx, redirect, "error=user_denied" + stateParam(state));
      return;
    }
    approve(ctx, companyFor(ctx), redirect, state);
  }

  private void approve(RoutingContext ctx, Company company, String redirect, String state) {
    String code = store.newCode(company, options.clientId(), redirect);
    redirect(ctx, redirect, "code=" + enc(code) + stateParam(state));
  }

  private static String stateParam(String state) {
    return state == null ? "" : "&state=" + enc(state);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void redirect(RoutingContext ctx, String uri, String query) {
    String sep = uri.contains("?") ? "&" : "?";
    ctx.response().setStatusCode(302).putHeader("location", uri + sep + query).endAndForget();
  }

  /** Client id from HTTP Basic (recommended) or from the form (allowed, not recommended). */
  private String authenticateClient(RoutingContext ctx) {
    String auth = ctx.request().getHeader("authorization");
    String id;
    String secret;
    if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String pair;
      try {
        pair =
            new String(
                Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw oauthError(400, "invalid_request", "Invalid request: malformed authorization header");
      }
      int colon = pair.indexOf(':');
      id = colon < 0 ? pair : pair.substring(0, colon);
      secret = colon < 0 ? "" : pair.substring(colon + 1);
    } else {
      id = ctx.request().getFormAttribute("client_id");
      secret = ctx.request().getFormAttribute("client_secret");
      if (id == null || secret == null) {
        throw oauthError(
            400, "invalid_client", "Invalid client: cannot retrieve client credentials");
      }
    }
    if (!options.clientId().equals(id) || !options.clientSecret().equals(secret)) {
      throw oauthError(401, "invalid_client", "Invalid client: client is invalid");
    }
    return id;
  }

  private static void requireForm(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      throw oauthError(
          400,
          "invalid_request",
          "Invalid request: content must be application/x-www-form-urlencoded");
    }
  }

  private void token(RoutingContext ctx) {
    requireForm(ctx);
    String clientId = authenticateClient(ctx);
    String grant = ctx.request().getFormAttribute("grant_type");
    if (grant == null) {
      throw oauthError(400, "invalid_request", "Missing parameter: `grant_type`");
    }
    long companyId;
    long userId;
    String refresh;
    switch (grant) {
      case "authorization_code" -> {
        OAuthStore.Code code = store.redeem(ctx.request().getFormAttribute("code"), clientId);
        if (code == null) {
          throw oauthError(400, "invalid_grant", "Invalid grant: authorization code is invalid");
        }
        if (store.expired(code)) {
          throw oauthError(400, "invalid_grant", "Invalid grant: authorization code has expired");
        }
        if (!code.redirectUri().equals(ctx.request().getFormAttribute("redirect_uri"))) {
          throw oauthError(400, "invalid_request", "Invalid request: redirect_uri is invalid");
        }
        companyId = code.companyId();
        userId = code.userId();
        refresh = store.newRefresh(companyId, userId, clientId);
      }
      case "refresh_token" -> {
        refresh = ctx.request().getFormAttribute("refresh_token");
        OAuthStore.Refresh r = store.useRefresh(refresh, clientId);
        if (r == null) {
          throw oauthError(400, "invalid_grant", "Invalid grant: refresh token is invalid");
        }
        companyId = r.companyId;
        userId = r.userId;
      }
      default ->
          throw oauthError(
              400, "unsupported_grant_type", "Unsupported grant type: `grant_type` is invalid");
    }
    JsonObject body =
        new JsonObject()
            .put("access_token", store.newAccess(companyId, userId, refresh))
            .put("token_type", "Bearer")
            .put("expires_in", options.accessTokenLifetime().toSeconds())
            .put("refresh_token", refresh)
            .put("scope", options.oauthScope())
            .put("api_domain", baseUrl.get());
    ctx.response()
        .putHeader("content-type", "application/json; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .endAndForget(body.encode());
  }

  private void revoke(RoutingContext ctx) {
    requireForm(ctx);
    authenticateClient(ctx);
    String token = ctx.request().getFormAttribute("token");
    if (token == null) {
      throw oauthError(400, "invalid_request", "Missing parameter: `token`");
    }
    String hint = ctx.request().getFormAttribute("token_type_hint");
    if (!"access_token".equals(hint)) {
      store.revokeRefresh(token);
    }
    if (!"refresh_token".equals(hint)) {
      store.revokeAccess(token);
    }
    ctx.response().setStatusCode(200).endAndForget();
  }

  static String escape(String s) {
    return StringEscapeUtils.escapeHtml4(s == null ? "" : s);
  }
}
