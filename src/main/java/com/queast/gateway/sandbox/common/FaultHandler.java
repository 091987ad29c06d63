package com.queast.gateway.sandbox.common;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * Route handler that applies the current {@link FaultPlan} to a vendor API request: waits the
 * configured latency (on a timer, never blocking the event loop), then draws a fault. Faults that
 * act before the work (429, 5xx, reset) answer here; the others are left in the routing context
 * under {@link SandboxResponses#FAULT_KEY} for {@link SandboxResponses} to apply after the work.
 * Mount it on vendor paths only, never on {@code /_sandbox}.
 */
public final class FaultHandler implements Consumer<RoutingContext> {

  private final Vertx vertx;
  private final FaultInjector injector;
  private final FaultResponder responder;
  private final RequestLog log;

  /**
   * A handler over a shared injector.
   *
   * @param vertx for latency timers
   * @param injector the plan and generator
   * @param responder vendor-shaped answers for 429 and 5xx
   * @param log request log whose current entry gets the fault noted, or null
   */
  public FaultHandler(
      Vertx vertx, FaultInjector injector, FaultResponder responder, RequestLog log) {
    this.vertx = vertx;
    this.injector = injector;
    this.responder = responder;
    this.log = log;
  }

  @Override
  public void accept(RoutingContext ctx) {
    // Draw before the latency wait so the fault sequence follows arrival order, whatever the timers
    // do.
    FaultInjector.Fault fault = injector.next();
    long latency = injector.plan().latencyMs();
    if (latency > 0) {
      vertx.setTimer(latency, id -> apply(ctx, fault));
    } else {
      apply(ctx, fault);
    }
  }

  private void apply(RoutingContext ctx, FaultInjector.Fault fault) {
    if (log != null && fault != FaultInjector.Fault.NONE) {
      RequestLog.noteFault(ctx, fault.name());
    }
    switch (fault) {
      case RATE_LIMITED -> responder.rateLimited(ctx);
      case SERVER_ERROR -> responder.serverError(ctx);
      case RESET -> SandboxResponses.reset(ctx);
      case DROP_AFTER_COMMIT, MALFORMED -> {
        ctx.put(SandboxResponses.FAULT_KEY, fault);
        ctx.next();
      }
      default -> ctx.next();
    }
  }
}
