package vn.tracegate.gateway.routes;

import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.access.Caller;
import vn.tracegate.checkin.access.Role;

/** Object-level checks shared by the routes: which enterprise's objects a caller may touch. */
final class Access {

  private Access() {}

  /** A safety team (and a worker) only within its own enterprise; admin and health anywhere. */
  static void requireSameEnterprise(Caller caller, String enterpriseId) {
    if ((caller.is(Role.SAFETY) || caller.is(Role.WORKER) || caller.is(Role.DEVICE))
        && (enterpriseId == null || !enterpriseId.equals(caller.enterpriseId()))) {
      throw Rejection.forbidden("this belongs to another enterprise");
    }
  }

  /** Like {@link #requireSameEnterprise} but park-shared places (buses, dormitories) are open too. */
  static void requireSameEnterpriseOrShared(Caller caller, String enterpriseId) {
    if (enterpriseId != null) {
      requireSameEnterprise(caller, enterpriseId);
    }
  }
}
