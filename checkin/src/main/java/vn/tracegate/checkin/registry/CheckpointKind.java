package vn.tracegate.checkin.registry;

/** What a checkpoint is; the kind decides dwell limits and exposure rules. */
public enum CheckpointKind {
  /** Site entry and exit; pass-through, not an exposure place by default. */
  GATE,
  WORKSHOP,
  CANTEEN,
  DORMITORY,
  /** A shuttle bus: a closed vehicle, so any overlap exposes. */
  BUS,
  OTHER
}
