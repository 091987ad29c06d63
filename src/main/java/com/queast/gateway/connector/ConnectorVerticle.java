package com.queast.gateway.connector;

import com.queast.gateway.bus.EventBusAddresses;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.core.AbstractVerticle;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.mutiny.core.eventbus.Message;
import io.vertx.mutiny.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
    serve(EventBusAddresses.pace(crm), opts, connector::pace);
    // Deletions and erasures go to the connector's RecordRemoval (issue 16).
    serve(
        EventBusAddresses.deliver(crm),
        opts,
        (DeliveryBatch b) -> RemovalSplit.deliver(connector, b));
    serve(
        EventBusAddresses.list(crm),
        opts,
        (ListRequest r) -> connector.listPage(r.connection(), r.kind(), r.cursor()));
    serve(EventBusAddresses.fetch(crm), opts, connector::fetchRecord);
    serve(EventBusAddresses.changes(crm), opts, connector::changedSince);
    // Local consumers are registered synchronously: nothing to wait for.
    return Uni.createFrom().voidItem();
  }

  /**
   * Answers one address with one connector method: the reply is the method's item, a failure is a
   * 500 carrying its text.
   */
  private <T, R> void serve(String address, DeliveryOptions opts, Function<T, Uni<R>> call) {
    consumers.add(
        vertx
            .eventBus()
            .<T>consumer(address)
            .handler(
                (Message<T> m) ->
                    call.apply(m.body())
                        .subscribe()
                        .with(r -> m.reply(r, opts), t -> m.fail(500, String.valueOf(t)))));
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
