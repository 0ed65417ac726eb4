package vn.tracegate.checkin.audit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;

/**
 * What a route asks the audit log to record: who (subject, role, their enterprise), did what to
 * which object, whose data it touched, and why. {@link AuditLog#append} gives it a place in the
 * chain and returns the {@link AuditEntry}.
 *
 * @param actor the caller's subject (token {@code sub} or device id)
 * @param actorEnterprise the caller's enterprise (safety team, worker, device), else null
 * @param objectType what kind of object, e.g. {@code worker}, {@code checkpoint}, {@code trace}
 * @param objectId which one
 * @param workerIds the workers whose data was looked at; each sees this entry in /v1/workers/me/access
 * @param reason why, as the caller gave it (required for traces and exports), else null
 */
public record AuditEvent(
    String actor,
    Role role,
    String actorEnterprise,
    AuditAction action,
    String objectType,
    String objectId,
    List<String> workerIds,
    String reason) {

  /** Longest reason kept. */
  public static final int MAX_REASON = 500;

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(objectType, "objectType");
    Objects.requireNonNull(objectId, "objectId");
    workerIds = workerIds == null ? List.of() : List.copyOf(workerIds);
  }

  /** {@code caller} did {@code action} to the object; no workers named, no reason. */
  public static AuditEvent of(Caller caller, AuditAction action, String objectType, String objectId) {
    return new AuditEvent(caller.subject(), caller.role(), caller.enterpriseId(), action, objectType, objectId,
        List.of(), null);
  }

  /** The same event naming the workers whose data it touched (each once, in the order given). */
  public AuditEvent withWorkers(Collection<String> ids) {
    return new AuditEvent(actor, role, actorEnterprise, action, objectType, objectId,
        List.copyOf(new LinkedHashSet<>(ids)), reason);
  }

  /** The same event with the caller's reason; 400 when longer than {@link #MAX_REASON}. */
  public AuditEvent withReason(String why) {
    if (why != null && why.length() > MAX_REASON) {
      throw Rejection.invalid("INVALID_FIELD", "'reason' must be at most " + MAX_REASON + " characters");
    }
    return new AuditEvent(actor, role, actorEnterprise, action, objectType, objectId, workerIds, why);
  }
}
