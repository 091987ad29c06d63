package com.queast.gateway.sandbox.hubspot;

import com.queast.gateway.sandbox.common.FaultHandler;
import com.queast.gateway.sandbox.common.FaultInjector;
import com.queast.gateway.sandbox.common.FaultPlan;
import com.queast.gateway.sandbox.common.RequestLog;
import com.queast.gateway.sandbox.common.SandboxAdminRoutes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A local stand-in for HubSpot's public API (CRM objects, associations, properties, OAuth,
 * webhooks, rate limits) plus an admin API under {@code /_sandbox}. In-memory; start one per test
 * or per demo. See {@code docs/sandboxes.md}.
 */
public final class HubSpotSandbox {

  private final HubSpotSandboxOptions options;
  private final HttpServer server;
  private final PortalRegistry portals;
  private final TokenStore tokens;
  private final RateLimiter limiter;
  private final FaultInjector faults;
  private final RequestLog requests;
  private final ObjectService objects;
  private final WebhookDispatcher webhooks;

  private HubSpotSandbox(
      HubSpotSandboxOptions options,
      HttpServer server,
      PortalRegistry portals,
      TokenStore tokens,
      RateLimiter limiter,
      FaultInjector faults,
      RequestLog requests,
      ObjectService objects,
      WebhookDispatcher webhooks) {
    this.options = options;
    this.server = server;
    this.portals = portals;
    this.tokens = tokens;
    this.limiter = limiter;
    this.faults = faults;
    this.requests = requests;
    this.objects = objects;
    this.webhooks = webhooks;
  }

  /**
   * Starts a sandbox.
   *
   * @param vertx the Vert.x instance to run on
   * @param options options; port 0 picks a free port
   * @return emits the running sandbox once it listens; fails if the port is taken
   */
  public static Uni<HubSpotSandbox> start(Vertx vertx, HubSpotSandboxOptions options) {
    WebhookDispatcher webhooks = new WebhookDispatcher(vertx, options);
    PortalRegistry portals = new PortalRegistry(options, webhooks);
    TokenStore tokens = new TokenStore(options, portals);
    RateLimiter limiter = new RateLimiter(options.clock(), options.searchPerSecond());
    FaultInjector faults = new FaultInjector();
    RequestLog requests = new RequestLog(options.requestLogCapacity(), options.clock());
    ObjectService objects = new ObjectService(options, webhooks);

    Router router = Router.router(vertx);
    router.route().handler(requests.handler());
    router.route().handler(BodyHandler.create(false).setBodyLimit(10L * 1024 * 1024));
    SandboxAdminRoutes.mountFaults(router, faults);
    SandboxAdminRoutes.mountRequestLog(router, requests);
    new AdminRoutes(portals, tokens, limiter, objects, webhooks).mount(router);
    router
        .routeWithRegex(
            "^/(crm|crm-object-schemas|oauth/(v1|v3|2026-03)|webhooks|integrations|account-info)/.*")
        .handler(
            new FaultHandler(vertx, faults, new HubSpotFaultResponses(limiter, options), requests));
    new OAuthRoutes(options, portals, tokens).mount(router);
    new WebhookRoutes(options, webhooks).mount(router);
    router
        .routeWithRegex("^/(crm|crm-object-schemas|integrations|account-info)/.*")
        .handler(new ApiGate(tokens, limiter, options.retryAfterOn429()));
    new GdprRoutes(objects).mount(router);
    new ObjectRoutes(objects, new SearchService(options), options).mount(router);
    new AssociationRoutes(objects).mount(router);
    new AssociationV3Routes(objects).mount(router);
    new PropertyRoutes(options).mount(router);
    new SchemaRoutes(options.clock()).mount(router);
    new UsageRoutes(limiter, options.clock()).mount(router);
    new AccountInfoRoutes().mount(router);
    router
        .route()
        .last()
        .handler(
            ctx ->
                Http.reply(
                    ctx,
                    new Http.Reply(
                        404,
                        HubSpotError.notFound(
                                "No route for "
                                    + ctx.request().method()
                                    + " "
                                    + ctx.normalizedPath())
                            .toJson())));

    return vertx
        .createHttpServer(new HttpServerOptions().setHost(options.host()))
        .requestHandler(router)
        .listen(options.port())
        .onFailure()
        .invoke(e -> webhooks.close())
        .map(
            s ->
                new HubSpotSandbox(
                    options, s, portals, tokens, limiter, faults, requests, objects, webhooks));
  }

  /**
   * The port listened on.
   *
   * @return port
   */
  public int port() {
    return server.actualPort();
  }

  /**
   * Base URL, e.g. {@code http://127.0.0.1:8091}.
   *
   * @return base URL without trailing slash
   */
  public String baseUrl() {
    String host = "0.0.0.0".equals(options.host()) ? "localhost" : options.host();
    return "http://" + host + ":" + port();
  }

  /**
   * Stops listening and cancels pending webhook deliveries.
   *
   * @return completes when closed
   */
  public Uni<Void> close() {
    webhooks.close();
    return server.close();
  }

  /**
   * The options in force.
   *
   * @return options
   */
  public HubSpotSandboxOptions options() {
    return options;
  }

  /**
   * Creates a portal with a private-app token (like {@code POST /_sandbox/portals}).
   *
   * @return the portal
   */
  public Portal createPortal() {
    return portals.create(null, null, null);
  }

  /**
   * Creates a portal with given private-app scopes and tier.
   *
   * @param scopes private-app scopes
   * @param tier private-app tier
   * @return the portal
   */
  public Portal createPortal(Set<String> scopes, RateTier tier) {
    return portals.create(null, scopes, tier);
  }

  /**
   * Creates a portal with all the private-app scopes its hub tier offers.
   *
   * @param enterprise whether the portal has an Enterprise hub (custom objects, their scopes)
   * @return the portal
   */
  public Portal createPortal(boolean enterprise) {
    return portals.create(null, null, null, enterprise);
  }

  /**
   * All portals, by id.
   *
   * @return portals
   */
  public List<Portal> portals() {
    return portals.all();
  }

  /**
   * A portal by id.
   *
   * @param portalId id
   * @return the portal
   */
  public Optional<Portal> portal(long portalId) {
    return portals.find(portalId);
  }

  /**
   * Live records of a type in a portal whose property equals a value (e.g. how many companies carry
   * {@code queast_id = X}: the duplicate check of the connector tests).
   *
   * @param portalId portal
   * @param type object type
   * @param property property name
   * @param value value
   * @return matching records
   */
  public List<CrmObject> findByProperty(
      long portalId, ObjectType type, String property, String value) {
    Portal p = portals.find(portalId).orElseThrow();
    return p.records(type, false).stream().filter(o -> value.equals(o.get(property))).toList();
  }

  /**
   * Counts live records of a type in a portal.
   *
   * @param portalId portal
   * @param type object type
   * @return count
   */
  public long count(long portalId, ObjectType type) {
    return portals.find(portalId).orElseThrow().count(type);
  }

  /**
   * Total 429 answers so far (rate limits and injected).
   *
   * @return count
   */
  public long total429() {
    return limiter.total429();
  }

  /**
   * The rate limiter (429 statistics).
   *
   * @return limiter
   */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  /**
   * Sets the fault plan (like {@code PUT /_sandbox/faults}).
   *
   * @param plan plan
   */
  public void setFaults(FaultPlan plan) {
    faults.set(plan);
  }

  /**
   * The request log.
   *
   * @return log
   */
  public RequestLog requestLog() {
    return requests;
  }

  /**
   * OAuth state (e.g. to expire a token early).
   *
   * @return the token store
   */
  public TokenStore tokens() {
    return tokens;
  }

  /**
   * Webhook settings, subscriptions and delivery log.
   *
   * @return dispatcher
   */
  public WebhookDispatcher webhooks() {
    return webhooks;
  }

  /**
   * Object writes as a CRM user would make them in the UI (fire webhooks with {@code CRM_UI}).
   *
   * @return the object service
   */
  public ObjectService objects() {
    return objects;
  }
}
