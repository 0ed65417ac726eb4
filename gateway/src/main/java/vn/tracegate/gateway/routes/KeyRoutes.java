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
import vn.tracegate.checkin.qr.KeyRing;
import vn.tracegate.checkin.qr.SigningKey;
import vn.tracegate.gateway.Services;
import vn.tracegate.gateway.auth.Authentication;
import vn.tracegate.gateway.web.Bodies;

/**
 * Admin, without a restart: {@code POST /v1/keys/rotate}, {@code POST /v1/keys/{kid}/revoke},
 * {@code POST /v1/devices/{id}/revoke}. This node applies a change at once; the others within
 * seconds (they reload the key ring every 10 s and cache device keys for 5 s). Each is audited
 * before it is done.
 */
public final class KeyRoutes {

  private final Services services;
  private final AuditLog audit;
  private final Clock clock;

  public KeyRoutes(Services services, AuditLog audit, Clock clock) {
    this.services = services;
    this.audit = audit;
    this.clock = clock;
  }

  public void mount(Router router, Handler<RoutingContext> auth) {
    router.post("/v1/keys/rotate").handler(auth).handler(this::rotate);
    router.post("/v1/keys/:kid/revoke").handler(auth).handler(this::revokeKey);
    router.post("/v1/devices/:id/revoke").handler(auth).handler(this::revokeDevice);
  }

  private void rotate(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN);
    audit.append(AuditEvent.of(caller, AuditAction.KEY_ROTATE, "signing-key", "ring"))
        .compose(e -> services.keys().rotate(clock.instant()))
        .map(this::apply)
        .onSuccess(ring -> Bodies.respond(ctx, 200, json(ring)))
        .onFailure(ctx::fail);
  }

  private void revokeKey(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN);
    String kid = ctx.pathParam("kid");
    services.keys().load()
        .compose(ring -> {
          SigningKey key = ring.find(kid).orElseThrow(() -> Rejection.notFound("signing key", kid));
          if (ring.activeSigner().map(k -> k.kid().equals(key.kid())).orElse(false)) {
            throw Rejection.conflict("KEY_ACTIVE", "key '" + kid + "' signs new codes; rotate first, then revoke it");
          }
          return audit.append(AuditEvent.of(caller, AuditAction.KEY_REVOKE, "signing-key", kid));
        })
        .compose(e -> services.keys().revoke(kid))
        .map(this::apply)
        .onSuccess(ring -> Bodies.respond(ctx, 200, json(ring)))
        .onFailure(ctx::fail);
  }

  private void revokeDevice(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx).require(Role.ADMIN);
    String id = ctx.pathParam("id");
    services.registry().device(id)
        .compose(found -> {
          found.orElseThrow(() -> Rejection.notFound("device", id));
          return audit.append(AuditEvent.of(caller, AuditAction.DEVICE_REVOKE, "device", id));
        })
        .compose(e -> services.registry().revokeDevice(id))
        .onSuccess(v -> Bodies.respond(ctx, 200, new JsonObject().put("id", id).put("revoked", true)))
        .onFailure(ctx::fail);
  }

  /** This node signs and verifies with the new ring from the next request on. */
  private KeyRing apply(KeyRing ring) {
    services.signer().updateKeys(ring);
    services.verifier().updateKeys(ring);
    return ring;
  }

  private static JsonObject json(KeyRing ring) {
    JsonArray keys = new JsonArray();
    ring.keys().forEach(k -> keys.add(new JsonObject().put("kid", k.kid()).put("status", k.status().name())
        .put("createdAt", k.createdAt().toString())));
    return new JsonObject().put("activeKid", ring.activeSigner().map(SigningKey::kid).orElse(null)).put("keys", keys);
  }

}
