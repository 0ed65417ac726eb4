package vn.tracegate.gateway.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.ratelimit.TokenBucket;
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
    RateLimiter.Charge charge = chargeFor(caller, cost);
    if (charge == null) {
      return Future.succeededFuture();
    }
    return limiter.take(charge)
        .compose(d -> d.allowed() ? Future.succeededFuture() : Future.failedFuture(refused(ctx, charge, d)));
  }

  /**
   * What {@code cost} tokens of this caller's bucket would be, to take in another script's round trip
   * (the scan claim's); null for callers without a limit (people's dashboards).
   */
  public RateLimiter.Charge chargeFor(Caller caller, int cost) {
    return switch (caller.role()) {
      case DEVICE -> new RateLimiter.Charge("device", caller.subject(), guards.device(), cost, clock.millis());
      case WORKER -> new RateLimiter.Charge("worker", caller.workerId(), guards.worker(), cost, clock.millis());
      default -> null;
    };
  }

  /** The 429 for a refused charge; sets Retry-After on the response. */
  public Rejection refused(RoutingContext ctx, RateLimiter.Charge charge, TokenBucket.Decision d) {
    ctx.response().putHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
    return new Rejection(Rejection.Kind.RATE_LIMITED, "RATE_LIMITED", "this " + charge.kind()
        + " is over its limit of " + charge.rate().perSecond() + " requests/s (burst " + charge.rate().burst()
        + "); retry after " + d.retryAfterSeconds() + " s");
  }
}
