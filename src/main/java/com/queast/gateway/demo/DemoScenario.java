package com.queast.gateway.demo;

import com.queast.gateway.app.ConfigLoader;
import com.queast.gateway.app.Gateway;
import com.queast.gateway.app.GatewayConfig;
import com.queast.gateway.sandbox.hubspot.HubSpotSandbox;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.ObjectType;
import com.queast.gateway.sandbox.pipedrive.CompanyCredentials;
import com.queast.gateway.sandbox.pipedrive.PipedriveSandbox;
import com.queast.gateway.sandbox.pipedrive.PipedriveSandboxOptions;
import com.queast.gateway.sandbox.pipedrive.Plan;
import com.queast.gateway.sandbox.queast.QueastSandbox;
import com.queast.gateway.sandbox.queast.QueastSandboxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo: an embedded PostgreSQL (or {@code GATEWAY_PG_URL}), the three sandboxes and a gateway
 * in this process; a demo tenant that connects a HubSpot portal and a Pipedrive company through the
 * vendors' consent pages, a generated portfolio delivered to both with a progress bar each, the
 * review queue worked through, and a CRM user's interest arriving in Queast as a bookmark. Every
 * step goes through the gateway's public HTTP API or the sandboxes' admin routes, as a user or a
 * script would. {@link #close()} stops everything it started, in reverse order.
 */
public final class DemoScenario implements AutoCloseable {

  /** The demo tenant's id. */
  public static final String TENANT = "demo";

  private static final int BATCH = 1000;
  private static final Duration REVIEW_AFTER = Duration.ofSeconds(8);

  private final DemoOptions options;
  private final PrintStream out;
  private final long startedAt = System.nanoTime();
  private EmbeddedDatabase db;
  private Vertx vertx;
  private HubSpotSandbox hubspot;
  private PipedriveSandbox pipedrive;
  private QueastSandbox queast;
  private Gateway gateway;
  private String base;
  private String token;
  private DemoHttp api;
  private long portalId;
  private CompanyCredentials pdCompany;
  private final Map<String, String> connections = new LinkedHashMap<>();
  private int reviews;

  /**
   * A scenario.
   *
   * @param options what to run
   * @param out where the story is told
   */
  public DemoScenario(DemoOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Starts the database, the sandboxes and the gateway (blocking).
   *
   * @param env the process environment ({@code GATEWAY_PG_URL} chooses the database)
   * @throws IOException when the embedded database cannot start
   */
  public void start(Map<String, String> env) throws IOException {
    String pgUrl = env.get("GATEWAY_PG_URL");
    if (pgUrl == null || pgUrl.isBlank()) {
      say("Starting an embedded PostgreSQL in a temporary directory (removed at exit)...");
      db = EmbeddedDatabase.start();
      pgUrl = db.url("queast_demo");
      say("  PostgreSQL listening on 127.0.0.1 (" + db.directory() + ")");
    } else {
      say("Using the database of GATEWAY_PG_URL");
    }
    vertx = Vertx.vertx();
    Duration wait = Duration.ofSeconds(30);
    hubspot =
        HubSpotSandbox.start(
                vertx, HubSpotSandboxOptions.builder().port(0).webhookBatchWindowMs(200).build())
            .await()
            .atMost(wait);
    pipedrive =
        PipedriveSandbox.start(
                vertx,
                PipedriveSandboxOptions.defaults().toBuilder()
                    .port(0)
                    .host("127.0.0.1")
                    .webhooks(1000, Duration.ofSeconds(1))
                    .build())
            .await()
            .atMost(wait);
    queast =
        QueastSandbox.start(
                vertx, QueastSandboxOptions.defaults().withPort(0).withHost("127.0.0.1"))
            .await()
            .atMost(wait);
    int port = options.port() > 0 ? options.port() : freePort();
    base = "http://127.0.0.1:" + port;
    token = env.getOrDefault("GATEWAY_ADMIN_TOKEN", "");
    if (token.isBlank()) {
      token = "demo-" + randomBase64(12).replace('/', '_').replace('+', '-').replace("=", "");
    }
    Map<String, String> cfgEnv = new HashMap<>(env);
    HubSpotSandboxOptions ho = hubspot.options();
    PipedriveSandboxOptions po = pipedrive.options();
    cfgEnv.put("GATEWAY_PG_URL", pgUrl);
    cfgEnv.put("GATEWAY_HTTP_HOST", "127.0.0.1");
    cfgEnv.put("GATEWAY_HTTP_PORT", Integer.toString(port));
    cfgEnv.put("GATEWAY_ADMIN_TOKEN", token);
    cfgEnv.putIfAbsent("GATEWAY_VAULT_KEY", randomBase64(32));
    cfgEnv.put("GATEWAY_HUBSPOT_API_URL", hubspot.baseUrl());
    cfgEnv.put("GATEWAY_HUBSPOT_AUTH_URL", hubspot.baseUrl());
    cfgEnv.put("GATEWAY_HUBSPOT_CLIENT_ID", ho.clientId());
    cfgEnv.put("GATEWAY_HUBSPOT_CLIENT_SECRET", ho.clientSecret());
    cfgEnv.put("GATEWAY_HUBSPOT_APP_ID", Long.toString(ho.appId()));
    cfgEnv.put("GATEWAY_HUBSPOT_DEVELOPER_API_KEY", ho.developerApiKey());
    cfgEnv.put("GATEWAY_HUBSPOT_REDIRECT_URL", base + "/v1/oauth/hubspot/callback");
    cfgEnv.put("GATEWAY_HUBSPOT_WEBHOOK_TARGET_URL", base + "/v1/webhooks/hubspot");
    cfgEnv.put("GATEWAY_PIPEDRIVE_AUTH_URL", pipedrive.baseUrl());
    cfgEnv.put("GATEWAY_PIPEDRIVE_API_DOMAIN_PATTERN", "^http://127\\.0\\.0\\.1:\\d+$");
    cfgEnv.put("GATEWAY_PIPEDRIVE_CLIENT_ID", po.clientId());
    cfgEnv.put("GATEWAY_PIPEDRIVE_CLIENT_SECRET", po.clientSecret());
    cfgEnv.put("GATEWAY_PIPEDRIVE_REDIRECT_URL", base + "/v1/oauth/pipedrive/callback");
    cfgEnv.put("GATEWAY_PIPEDRIVE_WEBHOOK_TARGET_URL", base + "/v1/webhooks/pipedrive");
    cfgEnv.put("GATEWAY_PIPEDRIVE_PLAN_MULTIPLIER", "5");
    cfgEnv.put("GATEWAY_PIPEDRIVE_SEATS", "2");
    cfgEnv.put("GATEWAY_QUEAST_API_URL", queast.baseUrl());
    cfgEnv.put("GATEWAY_QUEAST_API_TOKEN", "queast-sandbox-token");
    GatewayConfig cfg = ConfigLoader.load(null, cfgEnv);
    say("Starting the sandboxes and the gateway...");
    gateway = Gateway.start(cfg).await().atMost(Duration.ofSeconds(120));
    // The app developer's webhook target, set once in HubSpot's developer portal.
    hubspot
        .webhooks()
        .config()
        .putSettings(
            new JsonObject()
                .put("targetUrl", base + "/v1/webhooks/hubspot")
                .put("throttling", new JsonObject().put("maxConcurrentRequests", 10)));
    api = new DemoHttp(token);
    say("  HubSpot sandbox   " + hubspot.baseUrl());
    say("  Pipedrive sandbox " + pipedrive.baseUrl());
    say("  Queast stand-in   " + queast.baseUrl());
    say("");
    say("Console: " + base + "/console/   token: " + token + "   tenant: " + TENANT);
    say("");
  }

  /**
   * Runs the story to its end (blocking).
   *
   * @return the summary: what the CRMs and Queast hold, read from the sandboxes
   */
  public JsonObject run() {
    Portfolio portfolio =
        Portfolio.generate(
            options.companies(),
            options.peoplePerCompany(),
            options.signalsPerCompany(),
            options.linked(),
            options.reviewed());
    seedCrms(portfolio);
    api.put(base + "/v1/tenants/" + TENANT, new JsonObject().put("name", "Demo tenant")).ok();
    say(
        "Ingesting "
            + portfolio.companies().size()
            + " companies, "
            + portfolio.people().size()
            + " people and "
            + portfolio.signals().size()
            + " Signals (generated) into tenant "
            + TENANT
            + "...");
    ingest("companies", portfolio.companies());
    ingest("people", portfolio.people());
    ingest("signals", portfolio.signals());
    connect("hubspot", "portal_id", Long.toString(portalId));
    connect("pipedrive", "company_id", Long.toString(pdCompany.companyId()));
    say("");
    say("Backfill (matching against each CRM's index, then delivering):");
    awaitBackfills();
    bookmark(portfolio);
    return summary();
  }

  private void seedCrms(Portfolio p) {
    say(
        "A HubSpot portal and a Pipedrive company already hold "
            + p.seeded().size()
            + " of the portfolio's companies ("
            + p.linked()
            + " with the same website, "
            + p.reviewed()
            + " by name only)");
    portalId = hubspot.createPortal().id();
    pdCompany = pipedrive.createCompany("Demo customer", Plan.PREMIUM, 2);
    DemoHttp admin = new DemoHttp(null);
    for (String[] c : p.seeded()) {
      JsonObject props = new JsonObject().put("name", c[0]);
      JsonObject org = new JsonObject().put("name", c[0]);
      if (c[1] != null) {
        props.put("domain", c[1]);
        org.put("website", "https://" + c[1]);
      }
      admin
          .post(
              hubspot.baseUrl() + "/_sandbox/portals/" + portalId + "/companies",
              new JsonObject().put("properties", props))
          .ok();
      admin
          .post(
              pipedrive.baseUrl()
                  + "/_sandbox/companies/"
                  + pdCompany.companyId()
                  + "/organizations",
              org)
          .ok();
    }
  }

  private void ingest(String plural, List<JsonObject> records) {
    for (int from = 0; from < records.size(); from += BATCH) {
      JsonArray items = new JsonArray();
      records.subList(from, Math.min(records.size(), from + BATCH)).forEach(items::add);
      api.post(
              base + "/v1/tenants/" + TENANT + "/" + plural + ":batch",
              new JsonObject().put("items", items))
          .ok();
    }
  }

  private void connect(String crm, String accountField, String accountId) {
    DemoHttp.Res created =
        api.post(
                base + "/v1/tenants/" + TENANT + "/connections",
                new JsonObject().put("crm", crm).put("auth", "oauth"))
            .ok();
    String connectionId = created.json().getString("connectionId");
    say("Connecting " + crm + ": the user opens " + created.json().getString("authorizeUrl"));
    new ConsentUser().approve(created.json().getString("authorizeUrl"), accountField, accountId);
    connections.put(crm, connectionId);
    JsonObject c =
        api.get(base + "/v1/tenants/" + TENANT + "/connections/" + connectionId).ok().json();
    say(
        "  approved on the consent page; connection "
            + connectionId
            + " is "
            + c.getString("status"));
  }

  private void awaitBackfills() {
    ProgressBars bars = new ProgressBars(out, options.ansi());
    long deadline = System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds()).toNanos();
    while (true) {
      reviewQueue();
      JsonArray items =
          api.get(base + "/v1/tenants/" + TENANT + "/backfills").ok().json().getJsonArray("items");
      Map<String, JsonObject> byConnection = new HashMap<>();
      for (int i = 0; i < items.size(); i++) {
        byConnection.put(items.getJsonObject(i).getString("connectionId"), items.getJsonObject(i));
      }
      List<Map.Entry<String, JsonObject>> rows = new ArrayList<>();
      boolean done = true;
      for (var e : connections.entrySet()) {
        JsonObject p = byConnection.getOrDefault(e.getValue(), indexing());
        rows.add(Map.entry(e.getKey(), p));
        done &= "done".equals(p.getString("state")) && p.getLong("delivered") >= p.getLong("total");
      }
      bars.draw(rows, done);
      if (done) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the backfills did not finish in " + options.timeoutSeconds() + " s: " + rows);
      }
      sleep(500);
    }
  }

  private static JsonObject indexing() {
    return new JsonObject().put("state", "indexing").put("total", 0L).put("delivered", 0L);
  }

  /**
   * A reviewer works through the queue: each name-only match is confirmed, once it has waited
   * {@link #REVIEW_AFTER} (a confirmation within a second or two of the decision can race the
   * delivery round that is still snoozing the record, which then sleeps for the whole review wait).
   */
  private void reviewQueue() {
    java.time.Instant before = java.time.Instant.now().minus(REVIEW_AFTER);
    JsonArray waiting =
        api.get(base + "/v1/tenants/" + TENANT + "/matches?state=needs_review&limit=100")
            .ok()
            .json()
            .getJsonArray("items");
    for (int i = 0; i < waiting.size(); i++) {
      JsonObject m = waiting.getJsonObject(i);
      if (java.time.Instant.parse(m.getString("createdAt")).isAfter(before)) {
        continue;
      }
      DemoHttp.Res r =
          api.post(
              base + "/v1/tenants/" + TENANT + "/matches/" + m.getValue("id") + "/confirm", null);
      if (r.status() / 100 == 2) {
        reviews++;
      }
    }
  }

  private void bookmark(Portfolio p) {
    String queastId = p.companies().get(p.linked() + p.reviewed()).getString("id");
    long hubspotId =
        hubspot.findByProperty(portalId, ObjectType.COMPANIES, "queast_id", queastId).get(0).id();
    say("");
    say("A HubSpot user marks company " + hubspotId + " (" + queastId + ") as interesting...");
    new DemoHttp(null)
        .post(
            hubspot.baseUrl()
                + "/_sandbox/portals/"
                + portalId
                + "/companies/"
                + hubspotId
                + "/properties",
            new JsonObject()
                .put("properties", new JsonObject().put("queast_interest", "interested")))
        .ok();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (queast.bookmarks(TENANT).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no bookmark reached the Queast stand-in in 60 s");
      }
      sleep(200);
    }
    JsonObject b = queast.bookmarks(TENANT).get(0);
    say("  bookmark in Queast: " + b.encode());
  }

  /**
   * What the CRMs and Queast hold now, read from the sandboxes' admin routes.
   *
   * @return {@code {hubspot: {companies, people, signals}, pipedrive: {...}, bookmarks, reviews,
   *     seconds}}
   */
  public JsonObject summary() {
    DemoHttp admin = new DemoHttp(null);
    JsonObject hs =
        admin.get(hubspot.baseUrl() + "/_sandbox/portals/" + portalId + "/counts").ok().json();
    JsonObject pd =
        admin
            .get(pipedrive.baseUrl() + "/_sandbox/companies/" + pdCompany.companyId())
            .ok()
            .json()
            .getJsonObject("counts");
    JsonObject bookmarks = admin.get(queast.baseUrl() + "/_sandbox/bookmarks").ok().json();
    long seconds = Math.round((System.nanoTime() - startedAt) / 1e9);
    return new JsonObject()
        .put(
            "hubspot",
            new JsonObject()
                .put("companies", hs.getLong("companies"))
                .put("people", hs.getLong("contacts"))
                .put("signals", hs.getLong("notes", 0L)))
        .put(
            "pipedrive",
            new JsonObject()
                .put("companies", pd.getLong("organizations"))
                .put("people", pd.getLong("persons"))
                .put("signals", pd.getLong("notes", 0L) + pd.getLong("activities", 0L)))
        .put("bookmarks", bookmarks.getLong("count"))
        .put("reviews", reviews)
        .put("seconds", seconds);
  }

  /**
   * The HubSpot sandbox (tests read it to check the summary).
   *
   * @return the sandbox
   */
  HubSpotSandbox hubspotSandbox() {
    return hubspot;
  }

  /**
   * The demo's HubSpot portal.
   *
   * @return portal id
   */
  long portalId() {
    return portalId;
  }

  /**
   * The Pipedrive sandbox (tests read it to check the summary).
   *
   * @return the sandbox
   */
  PipedriveSandbox pipedriveSandbox() {
    return pipedrive;
  }

  /**
   * The demo's Pipedrive company.
   *
   * @return company id
   */
  long pipedriveCompanyId() {
    return pdCompany.companyId();
  }

  /**
   * The Queast stand-in.
   *
   * @return the sandbox
   */
  QueastSandbox queastSandbox() {
    return queast;
  }

  /**
   * The gateway's base URL.
   *
   * @return e.g. {@code http://127.0.0.1:8080}
   */
  public String baseUrl() {
    return base;
  }

  /**
   * The admin token the console signs in with.
   *
   * @return token
   */
  public String token() {
    return token;
  }

  /** Stops the gateway, the sandboxes and the embedded database, and removes its directory. */
  @Override
  public synchronized void close() {
    if (gateway != null) {
      quietly(() -> gateway.close().await().atMost(Duration.ofSeconds(30)));
      gateway = null;
    }
    if (vertx != null) {
      quietly(() -> vertx.close().await().atMost(Duration.ofSeconds(30)));
      vertx = null;
    }
    if (db != null) {
      db.close();
      db = null;
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // closing: nothing left to tell
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String randomBase64(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
