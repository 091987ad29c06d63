package com.queast.gateway.support;

import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.ConnectorDescriptor;
import com.queast.gateway.connector.CrmConnector;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.connector.PaceRequest;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A connector for foundation tests (test scope only): outcomes come from a script, every batch and
 * write is recorded so tests can assert on batching, order and duplicates.
 */
public final class ScriptedConnector implements CrmConnector {

  /** The connector id (lanes {@code test:<account>}). */
  public static final String CRM = "test";

  private final int maxBatch;
  private volatile Function<DeliveryItem, Outcome> script = ScriptedConnector::ok;
  private volatile Function<PaceRequest, PaceDecision> pacer = r -> PaceDecision.allow(r.wanted());
  private final List<DeliveryBatch> batches = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

  /**
   * A connector with a batch size.
   *
   * @param maxBatch most items per batch
   */
  public ScriptedConnector(int maxBatch) {
    this.maxBatch = maxBatch;
  }

  /**
   * The default outcome: written, CRM id {@code crm-<recordId>}.
   *
   * @param item the item
   * @return a completion
   */
  public static Outcome ok(DeliveryItem item) {
    return new Outcome.Complete(
        new Outcome.Attempt("ok", "written", 200, null, "req-" + item.job().id(), 1),
        "objects",
        "crm-" + item.job().recordId());
  }

  /**
   * Replaces the outcome script.
   *
   * @param s item to outcome
   * @return this
   */
  public ScriptedConnector script(Function<DeliveryItem, Outcome> s) {
    this.script = s;
    return this;
  }

  /**
   * Replaces the pacing decision.
   *
   * @param p request to decision
   * @return this
   */
  public ScriptedConnector pacer(Function<PaceRequest, PaceDecision> p) {
    this.pacer = p;
    return this;
  }

  /**
   * Batches received so far.
   *
   * @return list
   */
  public List<DeliveryBatch> batches() {
    return batches;
  }

  /**
   * Completed writes per record key {@code type/id}.
   *
   * @return map
   */
  public Map<String, AtomicInteger> writes() {
    return writes;
  }

  /**
   * Total completed writes.
   *
   * @return sum
   */
  public int totalWrites() {
    return writes.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(CRM, "Test CRM", maxBatch, List.of("token", "oauth"));
  }

  /** Code the fake consent hands out. */
  public static final String GOOD_CODE = "good-code";

  @Override
  public Uni<com.queast.gateway.connector.ConnectResult> connectWithCredentials(
      com.queast.gateway.connector.ConnectRequest request) {
    Object token = request.body().getValue("apiToken");
    if (!"good-token".equals(token)) {
      return Uni.createFrom()
          .failure(
              com.queast.gateway.common.GatewayException.validation(
                  "the CRM refused the token",
                  List.of(
                      new com.queast.gateway.common.FieldError(
                          "apiToken", "rejected", "the CRM refused this token"))));
    }
    return Uni.createFrom()
        .item(
            new com.queast.gateway.connector.ConnectResult(
                request.body().getString("account", "acct-token"),
                new JsonObject().put("apiToken", token),
                null,
                new JsonObject().put("plan", "test")));
  }

  @Override
  public Uni<java.util.Map<String, java.util.Set<String>>> crmProperties(
      com.queast.gateway.tenant.Connection connection, java.util.Set<String> objects) {
    return Uni.createFrom()
        .item(
            java.util.Map.of(
                "objects", java.util.Set.of("name", "domain", "tags", "size", "industry", "city")));
  }

  private volatile List<com.queast.gateway.matching.CrmRecord> crmRecords;

  /**
   * Makes the connector listable with these existing CRM records (pages of 2).
   *
   * @param records the CRM's records
   * @return this
   */
  public ScriptedConnector crmRecords(List<com.queast.gateway.matching.CrmRecord> records) {
    this.crmRecords = List.copyOf(records);
    return this;
  }

  @Override
  public boolean listable() {
    return crmRecords != null;
  }

  @Override
  public Uni<com.queast.gateway.connector.CrmPage> listPage(
      com.queast.gateway.tenant.Connection connection, String kind, String cursor) {
    List<com.queast.gateway.matching.CrmRecord> ofKind =
        crmRecords.stream().filter(r -> r.kind().name().equalsIgnoreCase(kind)).toList();
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(ofKind.size(), from + 2);
    return Uni.createFrom()
        .item(
            new com.queast.gateway.connector.CrmPage(
                ofKind.subList(from, to), to < ofKind.size() ? String.valueOf(to) : null));
  }

  @Override
  public String authorizeUrl(String state) {
    return "http://crm.test/oauth/authorize?client_id=test&state=" + state;
  }

  @Override
  public Uni<com.queast.gateway.connector.ConnectResult> exchangeCode(String code) {
    if (!GOOD_CODE.equals(code)) {
      return Uni.createFrom()
          .failure(
              new com.queast.gateway.common.GatewayException(
                  "oauth_code_refused", 400, "bad code"));
    }
    return Uni.createFrom()
        .item(
            new com.queast.gateway.connector.ConnectResult(
                "acct-oauth",
                new JsonObject().put("accessToken", "at-1").put("refreshToken", "rt-1"),
                java.time.Instant.now().plusSeconds(1800),
                new JsonObject()));
  }

  @Override
  public Uni<PaceDecision> pace(PaceRequest request) {
    return Uni.createFrom().item(pacer.apply(request));
  }

  @Override
  public Uni<BatchResult> deliver(DeliveryBatch batch) {
    batches.add(batch);
    List<ItemResult> out = new ArrayList<>();
    for (DeliveryItem item : batch.items()) {
      Outcome o = script.apply(item);
      DeliveredState state = null;
      if (o instanceof Outcome.Complete c && item.record() != null) {
        writes
            .computeIfAbsent(
                item.job().recordType() + "/" + item.job().recordId(), k -> new AtomicInteger())
            .incrementAndGet();
        state =
            new DeliveredState(
                c.crmObjectType(),
                c.crmId(),
                item.record().contentHash(),
                new JsonObject().put("n", 1));
      }
      out.add(new ItemResult(item.job().id(), o, state));
    }
    return Uni.createFrom().item(BatchResult.of(out, new JsonObject().put("seen", batches.size())));
  }
}
