package vn.tracegate.checkin.access;

import java.util.Objects;
import java.util.Set;
import vn.tracegate.checkin.Rejection;

/**
 * An authenticated caller: a person or app from a JWT, or a scanner from its API key.
 *
 * @param subject who, for audit (token subject or device id)
 * @param enterpriseId the enterprise a safety team, worker or device belongs to; null otherwise
 * @param workerId the worker an app token speaks for; null otherwise
 * @param checkpointIds the checkpoints a device may scan at; empty otherwise
 */
public record Caller(Role role, String subject, String enterpriseId, String workerId, Set<String> checkpointIds) {

  public Caller {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(subject, "subject");
    checkpointIds = checkpointIds == null ? Set.of() : Set.copyOf(checkpointIds);
  }

  public static Caller device(String deviceId, String enterpriseId, Set<String> checkpointIds) {
    return new Caller(Role.DEVICE, deviceId, enterpriseId, null, checkpointIds);
  }

  public boolean is(Role r) {
    return role == r;
  }

  /** Refuses with 403 unless the caller has one of {@code roles}. */
  public Caller require(Role... roles) {
    for (Role r : roles) {
      if (role == r) {
        return this;
      }
    }
    throw Rejection.forbidden("the " + role.wireName() + " role may not do this");
  }
}
