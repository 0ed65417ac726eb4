package vn.tracegate.checkin.visits;

/** Entering (IN) or leaving (OUT) a checkpoint. */
public enum ScanAction {
  IN,
  OUT
}
