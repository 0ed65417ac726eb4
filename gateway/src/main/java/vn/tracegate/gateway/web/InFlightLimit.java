package vn.tracegate.gateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sheds load early: at most {@code max} API requests are in progress on this gateway (across all
 * event loops); beyond that a request is answered 503 with Retry-After at once, before its body is
 * read, instead of queueing behind a store that cannot keep up. Memory stays bounded and clients
 * back off; health and metrics are not counted so operators can still look.
 */
public final class InFlightLimit implements Handler<RoutingContext> {

  private final AtomicInteger inFlight;
  private final int max;

  public InFlightLimit(AtomicInteger shared, int max) {
    this.inFlight = shared;
    this.max = max;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      ctx.response().putHeader("Retry-After", "1");
      Failures.respond(ctx, 503, "OVERLOADED", "the gateway is at capacity; retry in a second");
      return;
    }
    ctx.addEndHandler(done -> inFlight.decrementAndGet());
    ctx.next();
  }

  public int current() {
    return inFlight.get();
  }
}
