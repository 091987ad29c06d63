package com.queast.gateway.connector;

import com.queast.gateway.app.EventBusAddresses;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.mutiny.core.eventbus.Message;
import io.vertx.mutiny.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;

/**
 * Hosts one {@link CrmConnector} on the event bus: its pace and deliver addresses. Thin by design;
 * the connector does the work.
 */
public final class ConnectorVerticle extends AbstractVerticle {

  private final CrmConnector connector;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  /**
   * A verticle for a connector.
   *
   * @param connector the connector to expose
   */
  public ConnectorVerticle(CrmConnector connector) {
    this.connector = connector;
  }

  @Override
  public Uni<Void> asyncStart() {
    String crm = connector.descriptor().crm();
    DeliveryOptions opts = new DeliveryOptions().setCodecName(EventBusAddresses.CODEC);
    consumers.add(
        vertx
            .eventBus()
            .<PaceRequest>consumer(EventBusAddresses.pace(crm))
            .handler(
                (Message<PaceRequest> m) ->
                    connector
                        .pace(m.body())
                        .subscribe()
                        .with(d -> m.reply(d, opts), t -> m.fail(500, String.valueOf(t)))));
    consumers.add(
        vertx
            .eventBus()
            .<DeliveryBatch>consumer(EventBusAddresses.deliver(crm))
            .handler(
                (Message<DeliveryBatch> m) ->
                    // Deletions and erasures go to the connector's RecordRemoval (issue 16).
                    RemovalSplit.deliver(connector, m.body())
                        .subscribe()
                        .with(r -> m.reply(r, opts), t -> m.fail(500, String.valueOf(t)))));
    consumers.add(
        vertx
            .eventBus()
            .<ListRequest>consumer(EventBusAddresses.list(crm))
            .handler(
                (Message<ListRequest> m) ->
                    connector
                        .listPage(m.body().connection(), m.body().kind(), m.body().cursor())
                        .subscribe()
                        .with(r -> m.reply(r, opts), t -> m.fail(500, String.valueOf(t)))));
    consumers.add(
        vertx
            .eventBus()
            .<FetchRequest>consumer(EventBusAddresses.fetch(crm))
            .handler(
                (Message<FetchRequest> m) ->
                    connector
                        .fetchRecord(m.body())
                        .subscribe()
                        .with(r -> m.reply(r, opts), t -> m.fail(500, String.valueOf(t)))));
    consumers.add(
        vertx
            .eventBus()
            .<ChangesRequest>consumer(EventBusAddresses.changes(crm))
            .handler(
                (Message<ChangesRequest> m) ->
                    connector
                        .changedSince(m.body())
                        .subscribe()
                        .with(r -> m.reply(r, opts), t -> m.fail(500, String.valueOf(t)))));
    // Local consumers are registered synchronously: nothing to wait for.
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<Void> asyncStop() {
    return Uni.join()
        .all(consumers.stream().map(MessageConsumer::unregister).toList())
        .andCollectFailures()
        .replaceWithVoid()
        .chain(connector::close);
  }
}
