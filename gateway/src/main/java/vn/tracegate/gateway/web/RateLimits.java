package vn.tracegate.gateway.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.ratelimit.Rate;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.config.Guards;

/**
 * Per-client rate limits on the routes: a scanner device by its id, a worker app by its worker
 * (people's dashboards are not limited here). Over the limit is 429 RATE_LIMITED with
 * {@code Retry-After} in whole seconds; other clients are not affected.
 */
public final class RateLimits {

  private final RateLimiter limiter;
  private final Guards guards;
  private final Clock clock;

  public RateLimits(RateLimiter limiter, Guards guards, Clock clock) {
    this.limiter = limiter;
    this.guards = guards;
    this.clock = clock;
  }

  /** A route handler (after authentication) charging one token. */
  public Handler<RoutingContext> one() {
    return ctx -> charge(ctx, Authentication.caller(ctx), 1).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
  }

  /** Charges {@code cost} tokens to the caller's bucket; fails with 429 (and sets Retry-After) when empty. */
  public Future<Void> charge(RoutingContext ctx, Caller caller, int cost) {
    final String kind;
    final String id;
    final Rate rate;
    switch (caller.role()) {
      case DEVICE -> {
        kind = "device";
        id = caller.subject();
        rate = guards.device();
      }
      case WORKER -> {
        kind = "worker";
        id = caller.workerId();
        rate = guards.worker();
      }
      default -> {
        return Future.succeededFuture();
      }
    }
    return limiter.take(kind, id, rate, cost, clock.millis()).compose(d -> {
      if (d.allowed()) {
        return Future.succeededFuture();
      }
      ctx.response().putHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
      return Future.failedFuture(new Rejection(Rejection.Kind.RATE_LIMITED, "RATE_LIMITED", "this " + kind
          + " is over its limit of " + rate.perSecond() + " requests/s (burst " + rate.burst() + "); retry after "
          + d.retryAfterSeconds() + " s"));
    });
  }
}
