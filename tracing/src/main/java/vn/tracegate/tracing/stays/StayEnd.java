package vn.tracegate.tracing.stays;

/** Why a stay ended; kept so an officer can tell a scanned exit from an assumed one. */
public enum StayEnd {
  /** An OUT scan (at this checkpoint, or anywhere: the worker was evidently not inside any more). */
  OUT,
  /** An IN scan at another checkpoint. */
  NEXT_IN,
  /** A gate scan: the worker was passing the site gate. */
  GATE,
  /** No scan closed it, so it ends after the longest dwell its kind allows. */
  MAX_DWELL
}
