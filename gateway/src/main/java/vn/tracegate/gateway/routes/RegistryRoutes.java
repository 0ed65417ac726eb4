package vn.tracegate.gateway.routes;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.audit.AuditAction;
import vn.tracegate.checkin.audit.AuditEvent;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.checkin.registry.Checkpoint;
import vn.tracegate.checkin.registry.Device;
import vn.tracegate.checkin.registry.Enterprise;
import vn.tracegate.checkin.registry.Worker;
import vn.tracegate.gateway.Services;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.auth.TokenIssuer;
import vn.tracegate.gateway.web.Bodies;

/**
 * The registry: enterprises, checkpoints, workers (one or a CSV roster), devices, app enrolment.
 * Every change is audited once it is allowed and before it is made, so none goes unrecorded (a
 * create refused afterwards, 409 or 422, leaves the entry of the attempt).
 */
public final class RegistryRoutes {

  /** How long an app enrolment token lasts; the app is re-enrolled after that. */
  static final Duration APP_TOKEN_TTL = Duration.ofDays(30);

  private final Services services;
  private final TokenIssuer tokens;
  private final AuditLog audit;

  public RegistryRoutes(Services services, TokenIssuer tokens, AuditLog audit) {
    this.services = services;
    this.tokens = tokens;
    this.audit = audit;
  }

  public void mount(Router router, Handler<RoutingContext> auth, int maxBody, int maxCsv) {
    BodyHandler json = Bodies.upTo(maxBody);
    router.post("/v1/enterprises").handler(json).handler(auth).handler(this::createEnterprise);
    router.post("/v1/checkpoints").handler(json).handler(auth).handler(this::createCheckpoint);
    router.post("/v1/workers/import").handler(Bodies.upTo(maxCsv)).handler(auth)
        .handler(this::importWorkers);
    router.post("/v1/workers").handler(json).handler(auth).handler(this::createWorker);
    router.post("/v1/devices").handler(json).handler(auth).handler(this::createDevice);
    router.post("/v1/workers/:id/tokens").handler(auth).handler(this::enrol);
  }

  private void createEnterprise(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN);
    Enterprise enterprise = Enterprise.fromJson(Bodies.jsonObject(ctx));
    audit.append(AuditEvent.of(caller, AuditAction.REGISTRY_CREATE, "enterprise", enterprise.id()))
        .compose(e -> services.registry().createEnterprise(enterprise))
        .onSuccess(e -> Bodies.respond(ctx, 201, e.toJson()))
        .onFailure(ctx::fail);
  }

  private void createCheckpoint(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN);
    Checkpoint checkpoint = Checkpoint.fromJson(Bodies.jsonObject(ctx));
    audit.append(AuditEvent.of(caller, AuditAction.REGISTRY_CREATE, "checkpoint", checkpoint.id()))
        .compose(e -> services.registry().createCheckpoint(checkpoint))
        .onSuccess(c -> Bodies.respond(ctx, 201, c.toJson()))
        .onFailure(ctx::fail);
  }

  private void createWorker(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN, Role.SAFETY);
    Worker worker = Worker.fromJson(Bodies.jsonObject(ctx));
    Access.requireSameEnterprise(caller, worker.enterpriseId());
    audit.append(AuditEvent.of(caller, AuditAction.REGISTRY_CREATE, "worker", worker.id())
            .withWorkers(List.of(worker.id())))
        .compose(e -> services.registry().createWorker(worker, scope(caller)))
        .onSuccess(w -> Bodies.respond(ctx, 201, w.toJson()))
        .onFailure(ctx::fail);
  }

  private void importWorkers(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN, Role.SAFETY);
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
    if (!type.startsWith("text/csv")) {
      throw Rejection.invalid("UNSUPPORTED_MEDIA_TYPE", "send the roster as text/csv (UTF-8)");
    }
    byte[] csv = Bodies.bytes(ctx);
    String roster = scope(caller) == null ? "any-enterprise" : scope(caller);
    audit.append(AuditEvent.of(caller, AuditAction.REGISTRY_IMPORT, "roster", roster))
        .compose(e -> services.registry().importWorkers(csv, scope(caller)))
        .onSuccess(report -> Bodies.respond(ctx, 200, report.toJson()))
        .onFailure(ctx::fail);
  }

  private void createDevice(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN);
    Device device = Device.fromJson(Bodies.jsonObject(ctx));
    audit.append(AuditEvent.of(caller, AuditAction.REGISTRY_CREATE, "device", device.id()))
        .compose(e -> services.registry().createDevice(device))
        .onSuccess(created -> Bodies.respond(ctx, 201, created.toJson()))
        .onFailure(ctx::fail);
  }

  /** App enrolment: a worker token for the worker's own phone. */
  private void enrol(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN, Role.SAFETY);
    services.worker(ctx.pathParam("id"))
        .compose(w -> {
          Access.requireSameEnterprise(caller, w.enterpriseId());
          return audit.append(AuditEvent.of(caller, AuditAction.ENROL, "worker", w.id())
              .withWorkers(List.of(w.id()))).map(w);
        })
        .map(w -> new io.vertx.core.json.JsonObject()
            .put("token", tokens.workerToken(w.id(), w.enterpriseId(), APP_TOKEN_TTL))
            .put("workerId", w.id()))
        .onSuccess(body -> Bodies.respond(ctx, 201, body))
        .onFailure(ctx::fail);
  }

  /** A safety team acts only within its enterprise; admins anywhere. */
  private static String scope(Caller caller) {
    return caller.is(Role.SAFETY) ? caller.enterpriseId() : null;
  }
}
