package vn.tracegate.checkin.audit;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import vn.tracegate.checkin.access.Role;

/**
 * One look at a worker's data, as the worker is shown it in {@code GET /v1/workers/me/access}.
 * The worker sees the role and organisation that looked, when, what and why, but not the
 * officer's personal account: the officer stays accountable through the full entry in the chain
 * (seq), which an inspector can read, while a worker cannot single out a person to pressure.
 */
public record WorkerAccess(Instant at, long seq, Role role, String actor, String actorEnterprise,
    AuditAction action, String objectType, String objectId, String reason) {

  /** Who looked, as an organisation: "safety team of ent-x", "health officer", ... */
  public String actorLabel() {
    return switch (role) {
      case SAFETY -> "safety team of " + actorEnterprise;
      case HEALTH -> "health officer";
      case ADMIN -> "park administrator";
      case WORKER -> "worker app";
      case DEVICE -> "scanner device";
    };
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("at", at.toString())
        .put("actorRole", role.wireName())
        .put("actor", actorLabel())
        .put("actorEnterprise", actorEnterprise)
        .put("action", action.name())
        .put("object", objectType + ":" + objectId)
        // An officer's reason for a trace or export may name the positive worker; the contacts
        // who see this entry must not learn who that is. The chain keeps the reason.
        .put("reason", action == AuditAction.TRACE || action == AuditAction.EXPORT ? null : reason);
  }
}
