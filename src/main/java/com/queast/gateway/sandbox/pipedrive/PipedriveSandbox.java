package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.common.FaultHandler;
import com.queast.gateway.sandbox.common.FaultInjector;
import com.queast.gateway.sandbox.common.FaultResponder;
import com.queast.gateway.sandbox.common.RequestLog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.Router;
import io.vertx.mutiny.ext.web.RoutingContext;
import io.vertx.mutiny.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the Pipedrive API (v2 organizations, persons, search, activities, fields; v1
 * notes, webhooks, users/me), its OAuth server, token-based rate limits and webhooks v2, with the
 * {@code /_sandbox} admin API. In-memory; one instance per port. Start it with {@link #start}.
 */
public final class PipedriveSandbox {

  private static final Logger LOG = LoggerFactory.getLogger(PipedriveSandbox.class);
  private static final String UNEXPECTED = "pipedrive sandbox: unexpected failure";

  private final PipedriveSandboxOptions options;
  private final Registry registry;
  private final RateLimiter limiter;
  private final RequestLog requestLog;
  private final FaultInjector faults = new FaultInjector();
  private final WebhookDispatcher dispatcher;
  private final Map<String, ContactService> contacts;
  private final Router router;
  private HttpServer server;

  private PipedriveSandbox(Vertx vertx, PipedriveSandboxOptions options) {
    this.options = options;
    this.registry = new Registry(options);
    this.limiter = new RateLimiter(options);
    this.requestLog = new RequestLog(options.requestLogSize(), options.clock(), false);
    this.dispatcher = new WebhookDispatcher(vertx, options);
    ContactService orgs = new ContactService(new OrganizationKind(), options, dispatcher);
    ContactService persons = new ContactService(new PersonKind(), options, dispatcher);
    this.contacts = Map.of("organizations", orgs, "persons", persons);
    OAuthStore oauth = new OAuthStore(options);
    OAuthServer oauthServer = new OAuthServer(options, registry, oauth, this::baseUrl);
    router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(2 * 1024 * 1024));
    Authenticator authenticator = new Authenticator(registry, oauth);
    FaultHandler faultHandler =
        new FaultHandler(
            vertx,
            faults,
            FaultResponder.of(
                ctx -> {
                  // An injected 429 looks like a real burst-limit 429: same body, same headers.
                  limiter
                      .injected429(authenticator.tryResolve(ctx), ctx.request().method().name())
                      .forEach((k, v) -> ctx.response().putHeader(k, v));
                  Envelope.send(ctx, 429, PdError.rateLimited().body());
                },
                ctx -> Envelope.send(ctx, 500, PdError.serverError().body())),
            requestLog);
    for (String prefix : List.of("/api/*", "/v1/*")) {
      router.route(prefix).handler(requestLog.handler()).handler(faultHandler);
    }
    router.route("/oauth/*").handler(requestLog.handler());
    VendorRoutes routes = new VendorRoutes(router, authenticator, limiter);
    for (ContactService s : List.of(orgs, persons)) {
      new SearchApi(s, options).register(routes);
      new ContactsApi(s).register(routes);
    }
    new FieldsApi("organization").register(routes);
    new FieldsApi("person").register(routes);
    new FieldsApi("activity").registerActivityFields(routes);
    new FieldsApi("note").registerNoteFields(routes);
    new ActivitiesApi(options, dispatcher).register(routes);
    new NotesApi(options, dispatcher).register(routes);
    new WebhooksApi(options).register(routes);
    oauthServer.register(router);
    new AdminApi(
            registry,
            oauth,
            oauthServer,
            limiter,
            requestLog,
            faults,
            contacts,
            this::baseUrl,
            options.clock())
        .register(router);
    for (String prefix : List.of("/api/*", "/v1/*")) {
      router
          .route(prefix)
          .handler(ctx -> Envelope.send(ctx, 404, PdError.notFound("Unknown method .").body()));
    }
    router.route().failureHandler(PipedriveSandbox::failure);
  }

  /**
   * Starts a sandbox.
   *
   * @param vertx the Vert.x instance to run on
   * @param options configuration
   * @return emits the running sandbox once it listens; fails when the port cannot be bound
   */
  public static Uni<PipedriveSandbox> start(Vertx vertx, PipedriveSandboxOptions options) {
    PipedriveSandbox s = new PipedriveSandbox(vertx, Objects.requireNonNull(options));
    return vertx
        .createHttpServer()
        .requestHandler(s.router::handle)
        .listen(options.port(), options.host())
        .map(
            server -> {
              s.server = server;
              return s;
            });
  }

  private static void failure(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof PdError e) {
      Envelope.send(ctx, e.status(), e.body());
    } else if (f instanceof AdminApi.AdminError e) {
      AdminApi.json(ctx, e.status, new JsonObject().put("error", e.getMessage()));
    } else if (f instanceof DecodeException || f instanceof ClassCastException) {
      Envelope.send(ctx, 400, PdError.badRequest("Bad request").body());
    } else if (f == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
      Envelope.send(ctx, ctx.statusCode(), PdError.badRequest("Bad request").body());
    } else {
      LOG.error(UNEXPECTED, f);
      Envelope.send(ctx, 500, PdError.serverError().body());
    }
  }

  /**
   * The bound port.
   *
   * @return the actual port (useful when started with port 0)
   */
  public int port() {
    return server.actualPort();
  }

  /**
   * Base URL of this sandbox, which is also the {@code apiDomain} / OAuth {@code api_domain}.
   *
   * @return e.g. {@code http://127.0.0.1:8092}
   */
  public String baseUrl() {
    return "http://" + options.host() + ":" + port();
  }

  /**
   * The options it runs with.
   *
   * @return options
   */
  public PipedriveSandboxOptions options() {
    return options;
  }

  /**
   * Stops listening and stops the webhook client.
   *
   * @return completes when the server is closed
   */
  public Uni<Void> close() {
    dispatcher.close();
    return server == null ? Uni.createFrom().voidItem() : server.close();
  }

  /**
   * Creates a company with the default plan and seats, as {@code POST /_sandbox/companies} does.
   *
   * @return its credentials
   */
  public CompanyCredentials createCompany() {
    return createCompany(null, options.plan(), options.seats());
  }

  /**
   * Creates a company.
   *
   * @param name display name (null for a generated one)
   * @param plan plan
   * @param seats seats
   * @return its credentials
   */
  public CompanyCredentials createCompany(String name, Plan plan, int seats) {
    Company c = registry.create(name, plan, seats);
    return new CompanyCredentials(c.id, c.apiToken, baseUrl(), c.userId);
  }

  private Company company(long companyId) {
    Company c = registry.byId(companyId);
    if (c == null) {
      throw new IllegalArgumentException("no company " + companyId);
    }
    return c;
  }

  /**
   * Live (not deleted) organizations whose custom field equals a value.
   *
   * @param companyId company
   * @param fieldCode the field's 40-character key
   * @param value expected value as stored (a string, a number of any type, an option id)
   * @return how many match
   */
  public long countOrganizationsWithCustomField(long companyId, String fieldCode, Object value) {
    return countWhere(company(companyId).organizations, companyId, fieldCode, value);
  }

  /**
   * Live (not deleted) persons whose custom field equals a value.
   *
   * @param companyId company
   * @param fieldCode the field's 40-character key
   * @param value expected value as stored (numbers compare by value)
   * @return how many match
   */
  public long countPersonsWithCustomField(long companyId, String fieldCode, Object value) {
    return countWhere(company(companyId).persons, companyId, fieldCode, value);
  }

  private long countWhere(EntityStore store, long companyId, String code, Object value) {
    synchronized (company(companyId)) {
      return store.all().stream()
          .filter(r -> !r.getBoolean("is_deleted"))
          .filter(r -> sameValue(r.getJsonObject("custom_fields").getValue(code), value))
          .count();
    }
  }

  private static boolean sameValue(Object stored, Object expected) {
    if (stored instanceof Number a && expected instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(stored, expected);
  }

  /**
   * Every stored record of an entity, deleted ones included.
   *
   * @param companyId company
   * @param entity {@code organization}, {@code person}, {@code activity} or {@code note}
   * @return copies of the stored records in id order
   */
  public List<JsonObject> records(long companyId, String entity) {
    Company c = company(companyId);
    synchronized (c) {
      return c.store(entity).all().stream().map(JsonObject::copy).toList();
    }
  }

  /**
   * The company's summary as {@code GET /_sandbox/companies/{id}} shows it (plan, budget, tokens
   * used today, counts, 429 and 403 counters).
   *
   * @param companyId company
   * @return the summary
   */
  public JsonObject companySummary(long companyId) {
    Company c = company(companyId);
    synchronized (c) {
      return c.summary(options.clock().instant());
    }
  }

  /**
   * Tokens charged to the company's daily budget today.
   *
   * @param companyId company
   * @return tokens used
   */
  public long tokensUsedToday(long companyId) {
    return companySummary(companyId).getLong("tokensUsedToday");
  }

  /**
   * 429 answers given so far (rate limits and fault storms).
   *
   * @return the count
   */
  public long rateLimitedCount() {
    return limiter.total429();
  }

  /**
   * Cloudflare-like 403 answers given so far.
   *
   * @return the count
   */
  public long blockedCount() {
    return limiter.total403();
  }

  /**
   * The webhook delivery log of a company (one entry per attempt, plus events lost to a ban).
   *
   * @param companyId company
   * @return entries with webhookId, eventId, attempt, status, outcome
   */
  public JsonArray webhookDeliveries(long companyId) {
    Company c = company(companyId);
    synchronized (c) {
      JsonArray out = new JsonArray();
      c.deliveries.forEach(d -> out.add(d.copy()));
      return out;
    }
  }

  /**
   * Sets an organization's fields as a CRM user would in the UI: fires webhooks with {@code
   * change_source: "app"}.
   *
   * @param companyId company
   * @param id organization id
   * @param body v2 PATCH body, e.g. {@code {"custom_fields": {"<hash>": "yes"}}}
   * @return the updated organization (API v2 shape)
   */
  public JsonObject updateOrganizationAsUser(long companyId, long id, JsonObject body) {
    Company c = company(companyId);
    return contacts.get("organizations").update(c, c.userId, id, body, "app");
  }

  /**
   * The fault injector behind {@code /_sandbox/faults}.
   *
   * @return the injector
   */
  public FaultInjector faults() {
    return faults;
  }

  /**
   * The request log behind {@code /_sandbox/requests}.
   *
   * @return the log
   */
  public RequestLog requestLog() {
    return requestLog;
  }
}
