package com.queast.gateway.inbound;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.queast.gateway.connector.FetchedRecord;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.tenant.Connection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound interest: when a CRM user sets the interest flag of a company (which event changes it is
 * the connector's {@link WebhookSource#interestChanged} answer) to a truthy value, the company is
 * bookmarked in Queast (idempotent upsert). The CRM company is resolved to its Queast company
 * through what the gateway delivered to it or a confirmed/automatic link; a company linked to
 * nothing leaves its events {@code unresolved} (visible in the inbound events view).
 */
public final class InterestHandler {

  private static final Set<String> FALSY =
      Set.of("", "false", "no", "0", "off", "not_interested", "none");
  private static final Logger LOG = LoggerFactory.getLogger(InterestHandler.class);
  private static final String BOOKMARKED = "company bookmarked from CRM interest";
  private static final String UNRESOLVED = "CRM interest on a company linked to no Queast company";

  /**
   * Per-event states after handling.
   *
   * @param states processed or unresolved, one per event
   * @param details detail per event or null
   * @param summary text for the job's log line
   */
  public record Result(List<String> states, List<String> details, String summary) {}

  private final Pool pool;
  private final WebClient client;
  private final String apiUrl;
  private final String apiToken;
  private final Clock clock;
  private final Function<String, Optional<WebhookSource>> sources;

  /**
   * A handler.
   *
   * @param vertx Vert.x (HTTP client)
   * @param pool pool (link lookup)
   * @param apiUrl Queast API base URL
   * @param apiToken Queast API token
   * @param clock time source
   * @param sources the webhook source of a CRM (decides which events change the interest flag)
   */
  public InterestHandler(
      Vertx vertx,
      Pool pool,
      String apiUrl,
      String apiToken,
      Clock clock,
      Function<String, Optional<WebhookSource>> sources) {
    this.sources = sources;
    this.pool = pool;
    this.client = WebClient.create(vertx);
    this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.apiToken = apiToken;
    this.clock = clock;
  }

  /**
   * Whether a raw interest value means "interested".
   *
   * @param value raw value
   * @return true when set and not a negative
   */
  public static boolean truthy(String value) {
    return value != null && !FALSY.contains(value.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Handles interest for the events of one CRM record after its index entry was refreshed.
   *
   * @param c connection
   * @param kind company or person
   * @param crmId CRM id
   * @param pending its events, oldest first
   * @param current the record's current state
   * @return a Uni emitting per-event states; fails when Queast could not be reached (retried)
   */
  public Uni<Result> handle(
      Connection c,
      String kind,
      String crmId,
      List<InboundStore.Pending> pending,
      FetchedRecord current) {
    boolean changed =
        "company".equals(kind) && pending.stream().anyMatch(p -> interestChanged(c, p));
    if (!changed || current.record() == null || !truthy(current.interest())) {
      return Uni.createFrom().item(all(pending, "processed", null, ""));
    }
    return pool.preparedQuery(InboundStore.SQL.get("queast-company-for-crm-id"))
        .execute(Tuple.of(c.id(), crmId))
        .chain(
            rows -> {
              String companyId =
                  rows.size() > 0
                      ? rows.iterator().next().getString("record_id")
                      : current.record().queastId();
              if (companyId == null) {
                LOG.info(
                    UNRESOLVED,
                    kv("tenant", c.tenantId()),
                    kv("connection", c.id()),
                    kv("crmId", crmId));
                return Uni.createFrom()
                    .item(
                        interestEvents(
                            c,
                            pending,
                            "unresolved",
                            "CRM company " + crmId + " is linked to no Queast company",
                            "; interest unresolved"));
              }
              return bookmark(c, crmId, companyId)
                  .map(
                      status ->
                          interestEvents(
                              c,
                              pending,
                              "processed",
                              "bookmarked " + companyId,
                              "; bookmarked " + companyId));
            });
  }

  private Uni<Integer> bookmark(Connection c, String crmId, String companyId) {
    String url =
        apiUrl
            + "/v1/tenants/"
            + URLEncoder.encode(c.tenantId(), StandardCharsets.UTF_8)
            + "/bookmarks/"
            + URLEncoder.encode(companyId, StandardCharsets.UTF_8);
    JsonObject body =
        new JsonObject()
            .put("source", c.crm())
            .put("crmRecordId", crmId)
            .put("markedAt", clock.instant().toString());
    return client
        .putAbs(url)
        .putHeader("Authorization", "Bearer " + apiToken)
        .timeout(10_000)
        .sendJsonObject(body)
        .map(
            r -> {
              if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                    "Queast bookmark answered " + r.statusCode() + ": " + r.bodyAsString());
              }
              LOG.info(
                  BOOKMARKED,
                  kv("tenant", c.tenantId()),
                  kv("connection", c.id()),
                  kv("crmId", crmId),
                  kv("company", companyId),
                  kv("httpStatus", r.statusCode()));
              return r.statusCode();
            });
  }

  private boolean interestChanged(Connection c, InboundStore.Pending p) {
    return sources
        .apply(p.crm())
        .map(s -> s.interestChanged(c, p.propertyName(), p.payload()))
        .orElse(false);
  }

  /**
   * The events that changed the interest flag get the state and detail; the record's other events
   * (a creation or a rename processed in the same job) are simply processed.
   */
  private Result interestEvents(
      Connection c,
      List<InboundStore.Pending> pending,
      String state,
      String detail,
      String summary) {
    List<String> states = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (InboundStore.Pending p : pending) {
      boolean interest = interestChanged(c, p);
      states.add(interest ? state : "processed");
      details.add(interest ? detail : null);
    }
    return new Result(states, details, summary);
  }

  private static Result all(
      List<InboundStore.Pending> pending, String state, String detail, String summary) {
    List<String> states = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      states.add(state);
      details.add(detail);
    }
    return new Result(states, details, summary);
  }

  /** Closes the HTTP client. */
  public void close() {
    client.close();
  }
}
