package vn.tracegate.checkin.visits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.tracegate.checkin.registry.CheckpointKind;

/** A duration for every checkpoint kind, as dwell and overlap policies are configured. */
public final class KindDurations {

  private KindDurations() {}

  /** A copy of {@code perKind}, refused unless every kind has a duration that is not negative. */
  public static EnumMap<CheckpointKind, Duration> complete(Map<CheckpointKind, Duration> perKind, String what) {
    EnumMap<CheckpointKind, Duration> copy = new EnumMap<>(CheckpointKind.class);
    for (CheckpointKind kind : CheckpointKind.values()) {
      Duration d = perKind.get(kind);
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(what + " for " + kind + " must be set and not negative, got " + d);
      }
      copy.put(kind, d);
    }
    return copy;
  }
}
