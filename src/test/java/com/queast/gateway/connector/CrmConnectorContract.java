package com.queast.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.queast.gateway.app.ConfigLoader;
import com.queast.gateway.common.GatewayException;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveryItem;
import com.queast.gateway.tenant.Connection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every connector must do at the seams the gateway relies on, run once per CRM by a subclass
 * with its fixtures under {@code src/test/resources/fixtures/<crm>/}:
 *
 * <ul>
 *   <li>{@code options.json}: the {@code connectors.<crm>} keys the test sets over the defaults;
 *   <li>{@code connection.json}: the connection webhooks are mapped to ({@code accountId}, {@code
 *       config}, {@code credentials});
 *   <li>{@code webhook-interest.json}: a webhook body in which a CRM user sets the interest flag of
 *       a company, and {@code expected.json}: the events it must parse into.
 * </ul>
 *
 * The connector is found through the service loader, like the gateway finds it. Delivery of
 * companies, people and Signals is checked here for connectors that can deliver outside a running
 * gateway ({@link #deliversOnItsOwn}); the built-in ones are checked end to end by their ITs.
 */
public abstract class CrmConnectorContract {

  /** Current time for signatures. */
  protected final Clock clock = Clock.systemUTC();

  /** Vert.x for the connector's clients. */
  protected Vertx vertx;

  /** The connector under test. */
  protected CrmConnector connector;

  /**
   * The connector id, also the fixture directory.
   *
   * @return e.g. {@code hubspot}
   */
  protected abstract String crm();

  /**
   * Headers that authenticate a webhook request the way the CRM does.
   *
   * @param body the raw body
   * @param uri the URI the CRM calls
   * @param connection the connection the CRM's webhook is registered for
   * @param credentials that connection's credentials
   * @return headers to send
   */
  protected abstract Map<String, String> authenticate(
      String body, String uri, Connection connection, JsonObject credentials);

  /**
   * Whether the CRM's webhook authentication covers the body (a signature) rather than only the
   * sender (credentials).
   *
   * @return true for signed bodies
   */
  protected boolean signsTheBody() {
    return true;
  }

  /**
   * Whether {@link #connector} delivers without a running gateway (database, identity matching).
   *
   * @return true for stand-alone connectors
   */
  protected boolean deliversOnItsOwn() {
    return false;
  }

  /**
   * Extra setup before each test (e.g. a stand-in server), with the options about to be used.
   *
   * @param options the connector's section, to adjust
   */
  protected void before(JsonObject options) {}

  /** Extra teardown after each test. */
  protected void after() {}

  @BeforeEach
  void createThroughTheServiceLoader() {
    vertx = Vertx.vertx();
    JsonObject options = options();
    before(options);
    connector = create(options);
  }

  @AfterEach
  void close() {
    if (connector != null) {
      connector.close().await().atMost(Duration.ofSeconds(5));
    }
    after();
    vertx.closeAndAwait();
  }

  /** The defaults of gateway.yaml for this CRM (if any) with the fixture's keys on top. */
  private JsonObject options() {
    Map<String, Object> defaults =
        ConfigLoader.load(null, Map.of()).connectors().getOrDefault(crm(), Map.of());
    return new JsonObject(new HashMap<>(defaults)).mergeIn(fixture("options.json"));
  }

  private CrmConnector create(JsonObject options) {
    // Every built-in connector with its defaults (the service loader creates them all), this one
    // with the options under test.
    Map<String, JsonObject> sections = new HashMap<>();
    ConfigLoader.load(null, Map.of())
        .connectors()
        .forEach((name, section) -> sections.put(name, new JsonObject(new HashMap<>(section))));
    sections.put(crm(), options);
    ConnectorContext ctx =
        new ConnectorContext(
            vertx,
            sections,
            Duration.ofMinutes(1),
            null,
            null,
            clock,
            new SimpleMeterRegistry(),
            null,
            null,
            null);
    List<CrmConnector> found = new ArrayList<>();
    for (ConnectorProvider p : ServiceLoader.load(ConnectorProvider.class)) {
      if (!p.enabled(ctx)) {
        continue;
      }
      CrmConnector c = p.create(ctx);
      if (c.descriptor().crm().equals(crm())) {
        found.add(c);
      } else {
        c.close().await().atMost(Duration.ofSeconds(5));
      }
    }
    assertThat(found).as("one provider registered for %s", crm()).hasSize(1);
    return found.get(0);
  }

  /**
   * A fixture of this CRM.
   *
   * @param name file name
   * @return its JSON
   */
  protected JsonObject fixture(String name) {
    return new JsonObject(fixtureText(name));
  }

  /**
   * A fixture's text, verbatim.
   *
   * @param name file name
   * @return its text
   */
  protected String fixtureText(String name) {
    String path = "/fixtures/" + crm() + "/" + name;
    try (InputStream in = getClass().getResourceAsStream(path)) {
      assertThat(in).as("fixture %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The fixture connection.
   *
   * @return the connection
   */
  protected Connection connection() {
    JsonObject c = fixture("connection.json");
    return new Connection(
        UUID.fromString(c.getString("id")),
        c.getString("tenantId", "contract-tenant"),
        crm(),
        c.getString("authType", "api_token"),
        Connection.ACTIVE,
        null,
        c.getString("accountId"),
        null,
        null,
        c.getJsonObject("config", new JsonObject()),
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private WebhookConnections lookups(Connection connection) {
    JsonObject credentials =
        fixture("connection.json").getJsonObject("credentials", new JsonObject());
    return new WebhookConnections() {
      @Override
      public Uni<Map<String, List<Connection>>> byAccounts(String crm, List<String> accounts) {
        Map<String, List<Connection>> out = new HashMap<>();
        if (crm.equals(crm()) && accounts.contains(connection.accountId())) {
          out.put(connection.accountId(), List.of(connection));
        }
        return Uni.createFrom().item(out);
      }

      @Override
      public Uni<List<Connection>> byIdPrefix(String crm, String idPrefix) {
        boolean match = crm.equals(crm()) && connection.id().toString().startsWith(idPrefix);
        return Uni.createFrom().item(match ? List.of(connection) : List.of());
      }

      @Override
      public JsonObject credentials(Connection c) {
        return credentials;
      }
    };
  }

  private WebhookBatch receive(String body, Map<String, String> headers) {
    WebhookSource source = connector.webhooks().orElseThrow();
    String uri = "https://gateway.example/v1/webhooks/" + source.pathSegment();
    Map<String, String> lower = new HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
    UnaryOperator<String> lookup = name -> lower.get(name.toLowerCase());
    return source
        .receive(new WebhookRequest("POST", uri, null, lookup, body), lookups(connection()))
        .await()
        .atMost(Duration.ofSeconds(5));
  }

  private Map<String, String> signed(String body) {
    String uri =
        "https://gateway.example/v1/webhooks/" + connector.webhooks().orElseThrow().pathSegment();
    JsonObject credentials =
        fixture("connection.json").getJsonObject("credentials", new JsonObject());
    return authenticate(body, uri, connection(), credentials);
  }

  @Test
  void isRegisteredThroughTheServiceLoaderUnderItsOwnName() {
    assertThat(connector.descriptor().crm()).isEqualTo(crm());
    assertThat(connector.descriptor().maxBatch()).isPositive();
    assertThat(connector.descriptor().authTypes()).isNotEmpty();
  }

  @Test
  void refusesAnOptionItDoesNotKnowNamingItsSection() {
    assertThatThrownBy(() -> create(options().put("noSuchOption", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectors." + crm());
  }

  @Test
  void parsesAnAuthenticWebhookIntoTheExpectedEventsForItsConnection() {
    String body = fixtureText("webhook-interest.json");
    WebhookBatch batch = receive(body, signed(body));
    JsonArray expected = fixture("expected.json").getJsonArray("events");
    assertThat(batch.events()).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      JsonObject want = expected.getJsonObject(i);
      WebhookEvent got = batch.events().get(i);
      assertThat(got.connection().id()).isEqualTo(connection().id());
      assertThat(got.kind()).isEqualTo(want.getString("kind"));
      assertThat(got.crmId()).isEqualTo(want.getString("crmId"));
      assertThat(got.action()).isEqualTo(want.getString("action"));
      assertThat(got.eventKey()).isEqualTo(want.getString("eventKey"));
    }
  }

  @Test
  void refusesAnUnauthenticatedOrTamperedWebhookWith401() {
    String body = fixtureText("webhook-interest.json");
    assertThatThrownBy(() -> receive(body, Map.of()))
        .isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(401));
    if (signsTheBody()) {
      Map<String, String> headers = signed(body);
      assertThatThrownBy(() -> receive(body + " ", headers))
          .isInstanceOf(GatewayException.class)
          .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(401));
    }
  }

  @Test
  void tellsTheInterestEventFromOtherChanges() {
    String body = fixtureText("webhook-interest.json");
    WebhookSource source = connector.webhooks().orElseThrow();
    List<WebhookEvent> events = receive(body, signed(body)).events();
    assertThat(events).isNotEmpty();
    for (WebhookEvent e : events) {
      assertThat(source.interestChanged(connection(), e.propertyName(), e.payload())).isTrue();
    }
    assertThat(source.interestChanged(connection(), "name", new JsonObject())).isFalse();
  }

  @Test
  void deliversCompaniesPeopleAndSignals() {
    Assumptions.assumeTrue(
        deliversOnItsOwn(), crm() + " delivers through the gateway: see its *DeliveryIT");
    JsonArray records = fixture("records.json").getJsonArray("records");
    List<DeliveryItem> items = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      items.add(ContractRecords.item(i + 1, connection(), records.getJsonObject(i)));
    }
    BatchResult result =
        connector
            .deliver(new DeliveryBatch("contract-lane", items))
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(result.results()).hasSize(items.size());
    assertThat(result.results())
        .allSatisfy(
            r -> {
              assertThat(r.outcome()).isInstanceOf(Outcome.Complete.class);
              assertThat(r.delivered().crmId()).isNotBlank();
            });
    assertThat(result.results().stream().map(r -> r.delivered().crmObjectType()).distinct())
        .containsExactlyInAnyOrder("company", "person", "signal");
  }
}
