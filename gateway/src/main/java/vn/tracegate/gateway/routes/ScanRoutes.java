package vn.tracegate.gateway.routes;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;
import vn.tracegate.checkin.qr.DecodePool;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.scans.ScanLedger;
import vn.tracegate.checkin.scans.ScanRequest;
import vn.tracegate.checkin.scans.ScanService;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.web.Bodies;
import vn.tracegate.gateway.web.Failures;
import vn.tracegate.gateway.web.RateLimits;

/** {@code POST /v1/scans}, {@code /v1/scans/batch} and {@code /v1/scans/image}. */
public final class ScanRoutes {

  static final int MAX_BATCH = 500;

  private final ScanService scans;
  private final DecodePool decoder;
  private final RateLimits limits;

  /** @param limits per device and per worker; a batch costs one token per scan (see RateLimiter) */
  public ScanRoutes(ScanService scans, DecodePool decoder, RateLimits limits) {
    this.scans = scans;
    this.decoder = decoder;
    this.limits = limits;
  }

  public void mount(Router router, Handler<RoutingContext> auth, int maxBody, int maxImage) {
    router.post("/v1/scans").handler(Bodies.upTo(maxBody)).handler(auth).handler(this::one);
    router.post("/v1/scans/batch").handler(Bodies.upTo(maxBody)).handler(auth)
        .handler(this::batch);
    router.post("/v1/scans/image").handler(Bodies.upTo(maxImage)).handler(auth)
        .handler(limits.one()).handler(this::image);
  }

  /**
   * One scan. Its rate-limit token is taken in the same Redis round trip as the scanId's claim; a
   * scan refused before that (body, role, clock, QR, checkpoint) is charged on its own. Either
   * way a request costs one token, and an empty bucket answers 429 whatever the body.
   */
  private void one(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx);
    RateLimiter.Charge charge = limits.chargeFor(caller, 1);
    Future<ScanService.Prepared> prepared;
    try {
      caller.require(Role.DEVICE, Role.WORKER);
      prepared = scans.prepare(caller, ScanRequest.fromJson(Bodies.jsonObject(ctx)));
    } catch (RuntimeException e) {
      prepared = Future.failedFuture(e);
    }
    prepared
        .recover(refused -> limits.charge(ctx, caller, 1).compose(v -> Future.failedFuture(refused)))
        .compose(p -> scans.commit(p, charge))
        .recover(err -> Future.failedFuture(err instanceof ScanLedger.Limited limited
            ? limits.refused(ctx, limited.charge(), limited.decision()) : err))
        .onSuccess(r -> Bodies.respond(ctx, r.status(), r.toJson()))
        .onFailure(ctx::fail);
  }

  private void batch(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.DEVICE, Role.WORKER);
    JsonObject body = Bodies.jsonObject(ctx);
    if (!(body.getValue("scans") instanceof JsonArray items)) {
      throw Rejection.invalid("INVALID_FIELD", "'scans' must be an array of scans");
    }
    if (items.size() > MAX_BATCH) {
      throw new Rejection(Rejection.Kind.TOO_LARGE, "BATCH_TOO_LARGE",
          "a batch holds at most " + MAX_BATCH + " scans, got " + items.size());
    }
    limits.charge(ctx, caller, items.size())
        .onSuccess(ok -> ingestAll(ctx, caller, items))
        .onFailure(ctx::fail);
  }

  private void ingestAll(RoutingContext ctx, Caller caller, JsonArray items) {
    List<Future<JsonObject>> results = new ArrayList<>(items.size());
    for (Object item : items) {
      results.add(itemResult(caller, item));
    }
    Future.all(results).onComplete(done -> {
      JsonArray out = new JsonArray();
      results.forEach(f -> out.add(f.result()));
      Bodies.respond(ctx, 200, new JsonObject().put("results", out));
    });
  }

  /** One batch item: always succeeds, with the status that scan alone would get. */
  private Future<JsonObject> itemResult(Caller caller, Object item) {
    Object scanId = item instanceof JsonObject o ? o.getValue("scanId") : null;
    JsonObject base = new JsonObject().put("scanId", scanId instanceof String s ? s : null);
    Future<JsonObject> attempt;
    try {
      if (!(item instanceof JsonObject o)) {
        throw Rejection.invalid("INVALID_BODY", "each scan must be a JSON object");
      }
      attempt = scans.ingest(caller, ScanRequest.fromJson(o)).map(r -> base.copy().put("status", r.status())
          .put("workerId", r.workerId()).put("checkpointId", r.checkpointId())
          .put("occupancy", r.occupancy()).put("capacity", r.capacity()).put("warnings", r.toJson().getValue("warnings")));
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    return attempt.otherwise(err -> {
      Rejection r = Failures.classify(err);
      int status = r == null ? 500 : r.kind().status();
      JsonObject error = Failures.error(r == null ? "INTERNAL" : r.code(),
          r == null ? "something went wrong on our side" : r.getMessage()).getJsonObject("error");
      return base.copy().put("status", status).put("error", error);
    });
  }

  private void image(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.DEVICE);
    String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
    if (!type.startsWith("image/png") && !type.startsWith("image/jpeg")) {
      throw Rejection.invalid("UNSUPPORTED_MEDIA_TYPE", "send the camera frame as image/png or image/jpeg");
    }
    var q = ctx.queryParams();
    // Refuse bad parameters before spending CPU on decoding.
    ScanRequest.of(q.get("scanId"), "-", q.get("checkpointId"), q.get("action"), q.get("at"));
    byte[] bytes = Bodies.bytes(ctx);
    decoder.decode(bytes)
        .compose(qr -> scans.ingest(caller,
            ScanRequest.of(q.get("scanId"), qr, q.get("checkpointId"), q.get("action"), q.get("at"))))
        .onSuccess(r -> Bodies.respond(ctx, r.status(), r.toJson()))
        .onFailure(ctx::fail);
  }
}
