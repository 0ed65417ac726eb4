package vn.tracegate.gateway.routes;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.web.Bodies;

/**
 * The audit log, read: {@code GET /v1/workers/me/access} shows a worker who looked at their data
 * and why; {@code GET /v1/audit/verify?from=&to=} (admin) checks the hash chain.
 */
public final class AuditRoutes {

  static final int DEFAULT_ACCESS = 100;

  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void mount(Router router, Handler<RoutingContext> auth, Handler<RoutingContext> limit) {
    router.get("/v1/workers/me/access").handler(auth).handler(limit).handler(this::myAccess);
    router.get("/v1/audit/verify").handler(auth).handler(this::verify);
  }

  private void myAccess(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.WORKER);
    int limit = (int) number(ctx, "limit", DEFAULT_ACCESS, 1, AuditLog.MAX_ACCESS);
    audit.accessTo(caller.workerId(), limit)
        .map(entries -> {
          JsonArray list = new JsonArray();
          entries.forEach(e -> list.add(e.toJson()));
          return new JsonObject().put("workerId", caller.workerId()).put("entries", list);
        })
        .onSuccess(body -> Bodies.respond(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    Authentication.caller(ctx).require(Role.ADMIN);
    long from = number(ctx, "from", 1, 1, Long.MAX_VALUE);
    long to = number(ctx, "to", Long.MAX_VALUE, from, Long.MAX_VALUE);
    audit.verify(from, to)
        .onSuccess(check -> Bodies.respond(ctx, 200, check.toJson()))
        .onFailure(ctx::fail);
  }

  private static long number(RoutingContext ctx, String name, long fallback, long min, long max) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Rejection.invalid("INVALID_PARAMETER", "'" + name + "' must be a whole number from " + min
        + (max == Long.MAX_VALUE ? "" : " to " + max));
  }
}
