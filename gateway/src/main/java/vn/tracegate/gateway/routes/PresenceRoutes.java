package vn.tracegate.gateway.routes;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.audit.AuditAction;
import vn.tracegate.checkin.audit.AuditEvent;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.gateway.Services;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.web.Bodies;

/**
 * {@code GET /v1/presence/checkpoints/{id}}: who is inside now, against capacity. Every listing
 * is audited (against the checkpoint, not fanned out to each worker present: it shows ids only,
 * and a dashboard polls it; /me/access is for looks at a person's contacts and record).
 */
public final class PresenceRoutes {

  private final Services services;
  private final Clock clock;
  private final AuditLog audit;

  public PresenceRoutes(Services services, Clock clock, AuditLog audit) {
    this.services = services;
    this.clock = clock;
    this.audit = audit;
  }

  public void mount(Router router, Handler<RoutingContext> auth) {
    router.get("/v1/presence/checkpoints/:id").handler(auth).handler(this::checkpoint);
  }

  private void checkpoint(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.SAFETY, Role.HEALTH);
    services.checkpoint(ctx.pathParam("id"))
        .compose(cp -> {
          Access.requireSameEnterpriseOrShared(caller, cp.enterpriseId());
          return services.presence().present(cp.id(), cp.kind(), clock.instant())
              .recover(err -> io.vertx.core.Future.failedFuture(Rejection.unavailable("PRESENCE_UNAVAILABLE",
                  "live presence is unavailable right now (the visit log still has every scan)")))
              .map(present -> {
                JsonArray list = new JsonArray();
                present.forEach(p -> list.add(new JsonObject().put("workerId", p.workerId())
                    .put("since", p.since().toString())));
                return new JsonObject()
                    .put("checkpointId", cp.id())
                    .put("kind", cp.kind().name())
                    .put("occupancy", present.size())
                    .put("capacity", cp.capacity())
                    .put("present", list);
              })
              .compose(body -> audit.append(AuditEvent.of(caller, AuditAction.PRESENCE, "checkpoint", cp.id()))
                  .map(body));
        })
        .onSuccess(body -> Bodies.respond(ctx, 200, body))
        .onFailure(ctx::fail);
  }
}
