package com.queast.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.queast.gateway.connector.hubspot.HubSpotProvider;
import com.queast.gateway.demo.Portfolio;
import com.queast.gateway.sandbox.hubspot.HubSpotSandbox;
import com.queast.gateway.sandbox.hubspot.HubSpotSandboxOptions;
import com.queast.gateway.sandbox.hubspot.Portal;
import com.queast.gateway.support.Http;
import com.queast.gateway.support.PostgresExtension;
import com.queast.gateway.support.TestDatabase;
import com.queast.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium: a refused token, sign-in, a form error shown
 * next to its field, connecting HubSpot through the vendor's consent page, the review queue's bulk
 * confirm, the backfill's progress bar reaching 100% and the delivery log with a record's history.
 */
@ExtendWith(PostgresExtension.class)
class ConsoleBrowserIT {

  private static final int COMPANIES = 120;
  private static final int BY_NAME = 4;

  private Vertx vertx;
  private HubSpotSandbox sandbox;
  private TestGateway gw;
  private ChromeDriver browser;
  private String base;
  private Portal portal;

  @BeforeEach
  void start(TestDatabase db) throws Exception {
    vertx = Vertx.vertx();
    sandbox =
        HubSpotSandbox.start(vertx, HubSpotSandboxOptions.builder().port(0).build())
            .await()
            .atMost(Duration.ofSeconds(10));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    HubSpotSandboxOptions o = sandbox.options();
    Map<String, String> env = new HashMap<>();
    env.put("GATEWAY_HTTP_PORT", Integer.toString(port));
    env.put("GATEWAY_HUBSPOT_API_URL", sandbox.baseUrl());
    env.put("GATEWAY_HUBSPOT_AUTH_URL", sandbox.baseUrl());
    env.put("GATEWAY_HUBSPOT_CLIENT_ID", o.clientId());
    env.put("GATEWAY_HUBSPOT_CLIENT_SECRET", o.clientSecret());
    env.put("GATEWAY_HUBSPOT_APP_ID", Long.toString(o.appId()));
    env.put("GATEWAY_HUBSPOT_DEVELOPER_API_KEY", o.developerApiKey());
    env.put("GATEWAY_HUBSPOT_REDIRECT_URL", base + "/v1/oauth/hubspot/callback");
    env.put("GATEWAY_HUBSPOT_WEBHOOK_TARGET_URL", base + "/v1/webhooks/hubspot");
    gw = TestGateway.startWith(db, env, new HubSpotProvider());
    browser = Browser.start();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      Browser.quit(browser);
    }
    if (gw != null) {
      gw.close();
    }
    sandbox.close().await().atMost(Duration.ofSeconds(5));
    vertx.closeAndAwait();
  }

  @Test
  void anOperatorConnectsHubSpotConfirmsTheQueueInBulkAndWatchesTheBackfillFinish(TestDatabase db) {
    // A portal that already holds some of the tenant's companies by name only (review queue).
    portal = sandbox.createPortal();
    Portfolio p = Portfolio.generate(COMPANIES, 0, 0, 0, BY_NAME);
    Http admin = new Http(sandbox.baseUrl(), null);
    for (String[] c : p.seeded()) {
      assertThat(
              admin
                  .post(
                      "/_sandbox/portals/" + portal.id() + "/companies",
                      new JsonObject().put("properties", new JsonObject().put("name", c[0])))
                  .status())
          .isEqualTo(201);
    }
    Http api = gw.http();
    api.put("/v1/tenants/t1", new JsonObject().put("name", "T1"));
    JsonArray items = new JsonArray();
    p.companies().forEach(items::add);
    assertThat(
            api.post("/v1/tenants/t1/companies:batch", new JsonObject().put("items", items))
                .status())
        .isEqualTo(202);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));

    // A refused token never opens the tenant, nor does another tenant's API key.
    browser.get(base + "/console/");
    signIn("not-the-token");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "Sign-in refused"));
    assertThat(browser.findElement(By.id("tabs")).isDisplayed()).isFalse();
    api.put("/v1/tenants/t2", new JsonObject().put("name", "T2"));
    String otherKey =
        api.post("/v1/tenants/t2/api-keys", new JsonObject().put("name", "t2 console"))
            .json()
            .getString("key");
    signIn(otherKey);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("error"), "a tenant API key opens only its own tenant"));
    assertThat(browser.findElement(By.id("tabs")).isDisplayed()).isFalse();
    // The tenant's own key opens it (the rest of the test signs in with the admin token).
    String ownKey =
        api.post("/v1/tenants/t1/api-keys", new JsonObject().put("name", "t1 console"))
            .json()
            .getString("key");
    signIn(ownKey);
    wait.until(ExpectedConditions.textToBe(By.id("signedIn"), "Signed in to t1"));
    assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();

    signIn(TestDatabase.TOKEN);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
    assertThat(browser.findElement(By.id("signedIn")).getText()).isEqualTo("Signed in to t1");

    // Bad input: the API's problem+json is shown next to the field it names.
    new Select(browser.findElement(By.id("auth"))).selectByValue("private_app");
    browser.findElement(By.id("connectSubmit")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-error-for=accessToken]"), "required"));

    // Connect by OAuth: the console answers the consent link; the user approves on HubSpot's page.
    new Select(browser.findElement(By.id("auth"))).selectByValue("oauth");
    browser.findElement(By.id("connectSubmit")).click();
    String authorize =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authorizeLink")))
            .getAttribute("href");
    browser.get(authorize);
    new Select(browser.findElement(By.name("portal_id"))).selectByValue(Long.toString(portal.id()));
    browser.findElement(By.id("approve")).click();
    wait.until(ExpectedConditions.titleIs("Connected"));

    browser.get(base + "/console/");
    browser.findElement(By.id("signin")).click(); // token and tenant kept for this tab
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tabs")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#connTable tbody tr")));

    // Pause and resume from the page: the API holds the pause, the row shows it.
    String conn = text("#connTable tbody tr", "data-connection");
    browser.findElement(By.cssSelector("#connTable button.pauseBtn")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#connTable td.delivery"), "paused by operator"));
    assertThat(api.get("/v1/tenants/t1/connections/" + conn + "/stats").json().getBoolean("paused"))
        .isTrue();
    browser.findElement(By.cssSelector("#connTable button.resumeBtn")).click();
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("#connTable button.pauseBtn")));
    assertThat(api.get("/v1/tenants/t1/connections/" + conn + "/stats").json().getBoolean("paused"))
        .isFalse();

    // The review queue: once every match waiting for review has had its record snoozed for it
    // (the seeded names, and any other generated name close enough to one), confirm them all.
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .until(
            d -> {
              long waiting = db.count("SELECT count(*) FROM matches WHERE state = 'needs_review'");
              long snoozed =
                  db.count(
                      "SELECT count(DISTINCT record_id) FROM delivery_log WHERE vendor_code ="
                          + " 'waiting_for_review'");
              return waiting >= BY_NAME && snoozed == waiting;
            });
    long queued = db.count("SELECT count(*) FROM matches WHERE state = 'needs_review'");
    tab("matches");
    wait.until(d -> d.findElements(By.cssSelector("#matchTable tbody tr")).size() == queued);
    assertThat(browser.findElement(By.id("shownCount")).getText()).isEqualTo(queued + " shown");
    WebElement min = browser.findElement(By.id("bulkMin"));
    min.clear();
    min.sendKeys("0");
    // Relink with no CRM id: the API's problem is shown next to the field, nothing changes.
    WebElement firstRow = browser.findElement(By.cssSelector("#matchTable tbody tr"));
    firstRow.findElement(By.xpath(".//button[text()='Relink…']")).click();
    firstRow.findElement(By.cssSelector("form.relink button[type=submit]")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#matchTable form.relink [data-error-for=crmId]"),
            "1 to 64 characters"));
    assertThat(db.count("SELECT count(*) FROM matches WHERE state = 'needs_review'"))
        .isEqualTo(queued);

    // Record the page's API calls: the bulk decision must be one matches:decide call.
    browser.executeScript(
        "window.__calls = []; const f = window.fetch;"
            + " window.fetch = (u, o) => { window.__calls.push((o && o.method || 'GET') + ' ' + u);"
            + " return f(u, o); };");
    browser.findElement(By.id("bulkConfirm")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmDialog")));
    assertThat(browser.findElement(By.id("confirmText")).getText())
        .isEqualTo("Confirm " + queued + " matches?");
    browser.findElement(By.id("confirmOk")).click();
    wait.until(
        ExpectedConditions.textToBe(
            By.id("bulkResult"), "Confirmed " + queued + " of " + queued + "."));
    wait.until(d -> d.findElements(By.cssSelector("#matchTable tbody tr")).isEmpty());
    assertThat(db.count("SELECT count(*) FROM matches WHERE state = 'confirmed'"))
        .isEqualTo(queued);
    @SuppressWarnings("unchecked")
    java.util.List<Object> calls =
        (java.util.List<Object>) browser.executeScript("return window.__calls;");
    assertThat(calls)
        .filteredOn(c -> c.toString().startsWith("POST"))
        .containsExactly("POST /v1/tenants/t1/matches:decide");

    // The backfill's bar reaches 100% (the table is redrawn every 2 s: read it by script).
    new WebDriverWait(browser, Duration.ofSeconds(180), Duration.ofSeconds(2))
        .withMessage(
            () ->
                "backfill cell: "
                    + text("#connTable tbody", null)
                    + " | error: "
                    + text("#error", null)
                    + " | refreshes started/finished: "
                    + text("body", "data-refresh-started")
                    + "/"
                    + text("body", "data-refreshed"))
        .until(
            d -> {
              if ("100".equals(text("td.backfill progress", "value"))) {
                return true;
              }
              tab("connections"); // the operator looks again (each visit reloads the view)
              return false;
            });
    assertThat(text("td.backfill .small", null))
        .startsWith(COMPANIES + " / " + COMPANIES + " delivered");
    // The live figures: the pacer's share of the portal's allowance, no 429, and the chart's
    // deliveries per minute from the delivery log.
    wait.until(
        d ->
            text("td.pacer .small", null) != null
                && text("td.pacer .small", null).contains(" of "));
    assertThat(text("td.pacer .small", null)).matches("\\d+ of \\d+ per 10(\\.0)? s .*");
    assertThat(text("td.rate-limited", null)).isEqualTo("0");
    wait.until(d -> Long.parseLong(text("#chart", "data-points")) >= COMPANIES);

    // The delivery log, filtered, and one record's whole history.
    tab("deliveries");
    new Select(browser.findElement(By.id("logOutcome"))).selectByVisibleText("completed");
    browser.findElement(By.id("logApply")).click();
    wait.until(d -> d.findElements(By.cssSelector("#logTable tbody tr")).size() >= COMPANIES);
    assertThat(browser.findElements(By.cssSelector("#logTable tbody tr td:nth-child(4)")))
        .allSatisfy(td -> assertThat(td.getText()).isEqualTo("completed"));
    browser.findElement(By.cssSelector("#logTable a.history")).click();
    wait.until(d -> !d.findElement(By.id("logRecord")).getAttribute("value").isEmpty());
    String record = browser.findElement(By.id("logRecord")).getAttribute("value");
    // Read by script: the table is redrawn when the history arrives (elements would go stale).
    wait.until(
        d ->
            Boolean.TRUE.equals(
                browser.executeScript(
                    "const cells = [...document.querySelectorAll('#logTable tbody tr td:nth-child(3)')];"
                        + " return cells.length > 0"
                        + " && cells.every(td => td.textContent.endsWith(' ' + arguments[0]));",
                    record)));
    // The time filter: nothing since a minute from now.
    browser.executeScript(
        "const d = new Date(Date.now() + 60000); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
            + " document.getElementById('logSince').value = d.toISOString().slice(0, 16);");
    browser.findElement(By.id("logApply")).click();
    wait.until(ExpectedConditions.textToBe(By.id("logCount"), "0 attempts"));
    assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
  }

  private void signIn(String token) {
    WebElement t = browser.findElement(By.id("token"));
    t.clear();
    t.sendKeys(token);
    WebElement tenant = browser.findElement(By.id("tenant"));
    tenant.clear();
    tenant.sendKeys("t1");
    browser.findElement(By.id("signin")).click();
  }

  /** An element's attribute (or text when attr is null), read in one script call: never stale. */
  private String text(String css, String attr) {
    Object v =
        browser.executeScript(
            "const e = document.querySelector(arguments[0]);"
                + " return e == null ? null : arguments[1] == null ? e.textContent"
                + " : e.getAttribute(arguments[1]);",
            css,
            attr);
    return v == null ? null : v.toString();
  }

  private void tab(String name) {
    browser.findElement(By.cssSelector("#tabs button[data-tab=" + name + "]")).click();
  }
}
