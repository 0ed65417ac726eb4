package vn.tracegate.checkin.visits;

import java.time.Duration;
import java.util.Map;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * The longest a worker is assumed to stay at a checkpoint of each kind when no scan closes the
 * stay. For GATE it is the length of a gate pass (gate scans open no room stay).
 * The longest of all is the margin a reader must look back before a window, because a stay that
 * covers the window start opened at most that long before it.
 */
public final class DwellPolicy {

  private final Map<CheckpointKind, Duration> maxDwell;

  public DwellPolicy(Map<CheckpointKind, Duration> maxDwell) {
    this.maxDwell = KindDurations.complete(maxDwell, "max dwell");
  }

  /** WORKSHOP 10 h, CANTEEN 1 h, BUS 2 h, DORMITORY 12 h, OTHER 2 h; a gate pass lasts 1 minute. */
  public static DwellPolicy defaults() {
    return new DwellPolicy(Map.of(
        CheckpointKind.GATE, Duration.ofMinutes(1),
        CheckpointKind.WORKSHOP, Duration.ofHours(10),
        CheckpointKind.CANTEEN, Duration.ofHours(1),
        CheckpointKind.BUS, Duration.ofHours(2),
        CheckpointKind.DORMITORY, Duration.ofHours(12),
        CheckpointKind.OTHER, Duration.ofHours(2)));
  }

  public Duration maxDwell(CheckpointKind kind) {
    return maxDwell.get(kind);
  }

  /** The longest dwell of any kind: how far before a window a reader must look. */
  public Duration longest() {
    return maxDwell.values().stream().max(Duration::compareTo).orElseThrow();
  }

  @Override
  public String toString() {
    return "DwellPolicy" + maxDwell;
  }
}
