package com.queast.gateway.connector.acme;

import com.queast.gateway.connector.BatchResult;
import com.queast.gateway.connector.ConnectRequest;
import com.queast.gateway.connector.ConnectResult;
import com.queast.gateway.connector.ConnectorDescriptor;
import com.queast.gateway.connector.CrmConnector;
import com.queast.gateway.connector.DeliveryBatch;
import com.queast.gateway.connector.FetchRequest;
import com.queast.gateway.connector.FetchedRecord;
import com.queast.gateway.connector.ItemResult;
import com.queast.gateway.connector.PaceDecision;
import com.queast.gateway.connector.PaceRequest;
import com.queast.gateway.connector.WebhookSource;
import com.queast.gateway.jobqueue.Outcome;
import com.queast.gateway.matching.CrmRecord;
import com.queast.gateway.matching.RecordKind;
import com.queast.gateway.record.DeliveredState;
import com.queast.gateway.record.DeliveryItem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A test-only third CRM: upserts every record by its Queast id ({@code PUT /records/{type}/{id}} on
 * {@link AcmeStandIn}), paces nothing, signs its webhooks with HMAC-SHA256. Everything it needs is
 * in this package and its service-loader line.
 */
final class AcmeConnector implements CrmConnector {

  static final String CRM = "acme";

  private final WebClient client;
  private final AcmeOptions options;
  private final AcmeWebhooks webhooks;

  AcmeConnector(Vertx vertx, AcmeOptions options) {
    this.client = WebClient.create(vertx);
    this.options = options;
    this.webhooks = new AcmeWebhooks(options.webhookSecret());
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return new ConnectorDescriptor(CRM, "Acme CRM", 50, List.of("api_token"));
  }

  @Override
  public Uni<PaceDecision> pace(PaceRequest request) {
    return Uni.createFrom().item(PaceDecision.allow(request.wanted()));
  }

  @Override
  public Uni<BatchResult> deliver(DeliveryBatch batch) {
    return Uni.join()
        .all(batch.items().stream().map(this::deliverOne).toList())
        .andFailFast()
        .map(results -> BatchResult.of(results, null));
  }

  private Uni<ItemResult> deliverOne(DeliveryItem item) {
    String type = item.record().type();
    return client
        .putAbs(options.apiUrl() + "/records/" + type + "/" + item.record().id())
        .sendJsonObject(item.record().data())
        .map(
            r -> {
              long jobId = item.job().id();
              if (r.statusCode() / 100 != 2) {
                return new ItemResult(
                    jobId,
                    new Outcome.Retry(
                        Outcome.Attempt.of("acme_" + r.statusCode(), r.bodyAsString()),
                        Duration.ofSeconds(1)),
                    null);
              }
              String crmId = r.bodyAsJsonObject().getString("crmId");
              return new ItemResult(
                  jobId,
                  new Outcome.Complete(Outcome.Attempt.of("ok", "delivered"), type, crmId),
                  new DeliveredState(type, crmId, item.record().contentHash(), new JsonObject()));
            });
  }

  /** Connects with an account id and an API token (no OAuth). */
  @Override
  public Uni<ConnectResult> connectWithCredentials(ConnectRequest request) {
    String account = request.body().getString("account");
    return Uni.createFrom()
        .item(
            new ConnectResult(
                account,
                new JsonObject().put("token", request.body().getString("apiToken")),
                null,
                new JsonObject()));
  }

  @Override
  public Uni<FetchedRecord> fetchRecord(FetchRequest request) {
    return client
        .getAbs(options.apiUrl() + "/records/by-crm-id/" + request.crmId())
        .send()
        .map(
            r -> {
              if (r.statusCode() == 404) {
                return FetchedRecord.deleted();
              }
              JsonObject o = r.bodyAsJsonObject();
              RecordKind kind =
                  "person".equals(o.getString("type")) ? RecordKind.PERSON : RecordKind.COMPANY;
              return new FetchedRecord(
                  new CrmRecord(
                      kind,
                      o.getString("crmId"),
                      o.getString("queastId"),
                      o.getString("name"),
                      o.getString("domain"),
                      null,
                      o.getString("email"),
                      null,
                      null,
                      null,
                      null),
                  o.getString("interest"));
            });
  }

  @Override
  public Optional<WebhookSource> webhooks() {
    return Optional.of(webhooks);
  }

  @Override
  public Uni<Void> close() {
    client.close();
    return Uni.createFrom().voidItem();
  }
}
