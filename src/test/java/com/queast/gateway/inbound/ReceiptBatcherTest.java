package com.queast.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReceiptBatcherTest {

  /** A store whose transactions complete when the test says so. */
  private static final class Held implements ReceiptBatcher.Group {
    final List<List<List<InboundEvent>>> calls = new ArrayList<>();
    final List<CompletableFuture<List<Integer>>> pending = new ArrayList<>();

    @Override
    public Uni<List<Integer>> acceptAll(List<List<InboundEvent>> requests) {
      calls.add(requests);
      CompletableFuture<List<Integer>> f = new CompletableFuture<>();
      pending.add(f);
      return Uni.createFrom().completionStage(f);
    }
  }

  private static List<InboundEvent> events(int n) {
    List<InboundEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new InboundEvent(
              "t",
              UUID.randomUUID(),
              "lane",
              "hubspot",
              "k" + i,
              "company",
              "1",
              "change",
              null,
              null,
              Instant.EPOCH,
              new JsonObject()));
    }
    return out;
  }

  @Test
  void aLoneRequestGoesAtOnceAndThoseArrivingMeanwhileShareTheNextTransaction() {
    Held store = new Held();
    ReceiptBatcher b = new ReceiptBatcher(store, 1, 100);
    UniAssertSubscriber<Integer> first =
        b.accept(events(10)).subscribe().withSubscriber(UniAssertSubscriber.create());
    assertThat(store.calls).hasSize(1);
    UniAssertSubscriber<Integer> second =
        b.accept(events(10)).subscribe().withSubscriber(UniAssertSubscriber.create());
    UniAssertSubscriber<Integer> third =
        b.accept(events(5)).subscribe().withSubscriber(UniAssertSubscriber.create());
    // Nothing is answered before its transaction commits.
    first.assertNotTerminated();
    assertThat(store.calls).hasSize(1);

    store.pending.get(0).complete(List.of(10));
    first.assertItem(10);
    assertThat(store.calls).hasSize(2);
    assertThat(store.calls.get(1)).hasSize(2);
    second.assertNotTerminated();

    store.pending.get(1).complete(List.of(9, 5));
    second.assertItem(9);
    third.assertItem(5);
  }

  @Test
  void aFailedTransactionFailsEveryRequestInItAndARequestThatGaveUpIsLeftOut() {
    Held store = new Held();
    ReceiptBatcher b = new ReceiptBatcher(store, 1, 100);
    UniAssertSubscriber<Integer> first =
        b.accept(events(1)).subscribe().withSubscriber(UniAssertSubscriber.create());
    UniAssertSubscriber<Integer> gaveUp =
        b.accept(events(1)).subscribe().withSubscriber(UniAssertSubscriber.create());
    UniAssertSubscriber<Integer> a =
        b.accept(events(1)).subscribe().withSubscriber(UniAssertSubscriber.create());
    UniAssertSubscriber<Integer> c =
        b.accept(events(1)).subscribe().withSubscriber(UniAssertSubscriber.create());
    gaveUp.cancel();
    store.pending.get(0).complete(List.of(1));
    first.assertItem(1);
    assertThat(store.calls.get(1)).hasSize(2);

    store.pending.get(1).completeExceptionally(new IllegalStateException("connection lost"));
    a.assertFailedWith(IllegalStateException.class);
    c.assertFailedWith(IllegalStateException.class);
  }

  @Test
  void aGroupStopsAtItsEventLimit() {
    Held store = new Held();
    ReceiptBatcher b = new ReceiptBatcher(store, 1, 15);
    b.accept(events(1)).subscribe().withSubscriber(UniAssertSubscriber.create());
    for (int i = 0; i < 3; i++) {
      b.accept(events(10)).subscribe().withSubscriber(UniAssertSubscriber.create());
    }
    store.pending.get(0).complete(List.of(1));
    assertThat(store.calls.get(1)).hasSize(1);
  }
}
