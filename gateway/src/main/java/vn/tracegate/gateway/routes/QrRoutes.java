package vn.tracegate.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.audit.AuditAction;
import vn.tracegate.checkin.audit.AuditEvent;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.checkin.qr.BadgeToken;
import vn.tracegate.gateway.Services;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.web.Bodies;

/**
 * Signed QR codes: checkpoint posters ({@code /v1/checkpoints/{id}/qr.*}) and worker badges
 * ({@code /v1/workers/{id}/badge.*}) as PNG, SVG or the raw payload. Rendering runs on a worker
 * thread, never on the event loop. A fetch by an admin or safety team is audited before the code
 * is sent (a badge is a credential of the worker: who handed it out must be on record).
 */
public final class QrRoutes {

  private static final int PNG_SIZE = 512;

  private final Vertx vertx;
  private final Services services;
  private final Duration badgeValidity;
  private final Clock clock;
  private final AuditLog audit;

  public QrRoutes(Vertx vertx, Services services, Duration badgeValidity, Clock clock, AuditLog audit) {
    this.vertx = vertx;
    this.services = services;
    this.badgeValidity = badgeValidity;
    this.clock = clock;
    this.audit = audit;
  }

  public void mount(Router router, Handler<RoutingContext> auth) {
    router.getWithRegex("/v1/checkpoints/(?<id>[^/]+)/qr\\.(?<format>png|svg|json)").handler(auth)
        .handler(this::poster);
    router.getWithRegex("/v1/workers/(?<id>[^/]+)/badge\\.(?<format>png|svg|json)").handler(auth)
        .handler(this::badge);
  }

  private void poster(RoutingContext ctx) {
    String format = ctx.pathParam("format");
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN, Role.SAFETY);
    services.checkpoint(ctx.pathParam("id"))
        .compose(cp -> {
          Access.requireSameEnterprise(caller, cp.enterpriseId());
          return audit.append(AuditEvent.of(caller, AuditAction.POSTER, "checkpoint", cp.id()))
              .map(e -> services.signer().poster(cp.id(), clock.instant()));
        })
        .compose(payload -> render(ctx, format, payload, new JsonObject().put("payload", payload)))
        .onFailure(ctx::fail);
  }

  private void badge(RoutingContext ctx) {
    String format = ctx.pathParam("format");
    Caller caller = Authentication.caller(ctx).require(Role.WORKER, Role.ADMIN, Role.SAFETY);
    String workerId = ctx.pathParam("id");
    if (caller.is(Role.WORKER) && !workerId.equals(caller.workerId())) {
      throw Rejection.forbidden("a worker may fetch only their own badge");
    }
    services.worker(workerId)
        .compose(w -> {
          if (caller.is(Role.WORKER)) {
            return Future.succeededFuture(w);
          }
          Access.requireSameEnterprise(caller, w.enterpriseId());
          return audit.append(AuditEvent.of(caller, AuditAction.BADGE, "worker", w.id()).withWorkers(List.of(w.id())))
              .map(w);
        })
        .map(w -> {
          Instant now = clock.instant();
          return services.signer().badge(w.id(), now, badgeValidity);
        })
        .compose(token -> render(ctx, format, token.payload(), json(token)))
        .onFailure(ctx::fail);
  }

  private static JsonObject json(BadgeToken token) {
    return new JsonObject().put("payload", token.payload()).put("validUntil", token.validUntil().toString());
  }

  private Future<Void> render(RoutingContext ctx, String format, String payload, JsonObject json) {
    ctx.response().putHeader("Cache-Control", "no-store");
    return switch (format) {
      case "json" -> {
        Bodies.respond(ctx, 200, json);
        yield Future.succeededFuture();
      }
      case "svg" -> vertx.executeBlocking(() -> services.renderer().svg(payload), false)
          .compose(svg -> ctx.response().putHeader("Content-Type", "image/svg+xml").end(svg));
      default -> vertx.executeBlocking(() -> services.renderer().png(payload, PNG_SIZE), false)
          .compose(png -> ctx.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png)));
    };
  }
}
