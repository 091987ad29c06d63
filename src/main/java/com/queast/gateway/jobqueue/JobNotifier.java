package com.queast.gateway.jobqueue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated LISTEN connection on {@link JobStore#CHANNEL}. A notification names a lane with new
 * work; after every (re)subscription the listener is told {@code null} ("look everywhere"), because
 * notifications sent while the connection was down are lost. The connection reconnects with capped
 * exponential backoff after the database restarts or the backend is terminated.
 */
public final class JobNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(JobNotifier.class);
  private static final String LISTENING = "listening for job notifications";
  private static final String LOST = "job notification connection lost; reconnecting";

  private final PgSubscriber subscriber;
  private final AtomicBoolean subscribed = new AtomicBoolean(false);
  private final long minMs;
  private final long maxMs;
  private final Vertx vertx;

  /**
   * A notifier; call {@link #start} to connect.
   *
   * @param vertx Vert.x
   * @param options where to connect
   * @param minMs first reconnect delay
   * @param maxMs reconnect delay cap
   * @param onLane called on the event loop with a lane, or null after a (re)subscription
   */
  public JobNotifier(
      Vertx vertx, PgConnectOptions options, long minMs, long maxMs, Consumer<String> onLane) {
    this.vertx = vertx;
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(this::delay);
    subscriber.closeHandler(
        () -> {
          if (subscribed.getAndSet(false)) {
            LOG.warn(LOST);
          }
        });
    subscriber
        .channel(JobStore.CHANNEL)
        .subscribeHandler(
            () -> {
              subscribed.set(true);
              LOG.info(LISTENING);
              onLane.accept(null);
            })
        .handler(onLane::accept);
  }

  /**
   * The reconnect delay for the n-th retry: doubling from min, capped at max, never giving up.
   *
   * @param retries retries so far
   * @return delay in ms
   */
  long delay(int retries) {
    int exp = Math.min(Math.max(retries, 0), 20);
    return Math.min(maxMs, minMs << exp);
  }

  /**
   * Connects, retrying with the same capped backoff until the database answers.
   *
   * @return a Uni that completes once connected the first time
   */
  public Uni<Void> start() {
    return subscriber
        .connect()
        .onFailure()
        .retry()
        .withBackOff(java.time.Duration.ofMillis(minMs), java.time.Duration.ofMillis(maxMs))
        .indefinitely();
  }

  /**
   * Whether the LISTEN is in place now (readiness).
   *
   * @return true while subscribed
   */
  public boolean alive() {
    return subscribed.get() && !subscriber.closed();
  }

  /**
   * The backend pid of the LISTEN connection, for operators and tests.
   *
   * @return pid, or -1 when not connected
   */
  public int backendPid() {
    return subscriber.closed() || subscriber.actualConnection() == null
        ? -1
        : subscriber.actualConnection().processId();
  }

  /**
   * Closes the LISTEN connection for good.
   *
   * @return a Uni completing when closed
   */
  public Uni<Void> close() {
    subscriber.reconnectPolicy(r -> -1L);
    return subscriber.close();
  }
}
