package com.queast.gateway.sandbox.pipedrive;

import com.queast.gateway.sandbox.common.FaultInjector;
import com.queast.gateway.sandbox.common.FaultInjector.Fault;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Applies the {@link FaultInjector} plan to one request: added latency first, then the drawn fault.
 * Faults that strike before the work answer (429, 5xx) or close the connection (reset) here; faults
 * that strike after the work (drop after commit, malformed body) are left as flags in the routing
 * context under {@link #DROP_AFTER_COMMIT} and {@link #MALFORMED} for the response writer to
 * honour. Mount it after the body handler (so a delayed request keeps its body) and only on the
 * vendor API paths, never on admin paths.
 */
public final class FaultHandler implements Consumer<RoutingContext> {

  /** Context key: do the work, then close the connection instead of answering. */
  public static final String DROP_AFTER_COMMIT = "sandbox.fault.dropAfterCommit";

  /** Context key: do the work, then answer 200 with a body that is not JSON. */
  public static final String MALFORMED = "sandbox.fault.malformed";

  private final Vertx vertx;
  private final FaultInjector injector;
  private final Consumer<RoutingContext> answer429;
  private final Consumer<RoutingContext> answer5xx;

  /**
   * Creates the handler.
   *
   * @param vertx for the latency timer
   * @param injector the fault plan
   * @param answer429 writes the vendor's 429
   * @param answer5xx writes the vendor's 5xx
   */
  public FaultHandler(
      Vertx vertx,
      FaultInjector injector,
      Consumer<RoutingContext> answer429,
      Consumer<RoutingContext> answer5xx) {
    this.vertx = vertx;
    this.injector = injector;
    this.answer429 = answer429;
    this.answer5xx = answer5xx;
  }

  @Override
  public void accept(RoutingContext ctx) {
    // The draw happens on arrival so the fault sequence follows the request order, not timers.
    Fault fault = injector.next();
    long latency = injector.plan().latencyMs();
    if (latency > 0) {
      vertx.setTimer(latency, id -> apply(ctx, fault));
    } else {
      apply(ctx, fault);
    }
  }

  private void apply(RoutingContext ctx, Fault fault) {
    switch (fault) {
      case RATE_LIMITED -> answer429.accept(ctx);
      case SERVER_ERROR -> answer5xx.accept(ctx);
      case RESET -> ctx.request().connection().closeAndForget();
      case DROP_AFTER_COMMIT -> {
        ctx.put(DROP_AFTER_COMMIT, true);
        ctx.next();
      }
      case MALFORMED -> {
        ctx.put(MALFORMED, true);
        ctx.next();
      }
      default -> ctx.next();
    }
  }
}
