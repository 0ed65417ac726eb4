package vn.tracegate.tracing.exposure;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.KindDurations;

/**
 * When two stays at one checkpoint expose each other: their overlap is positive and at least
 * minOverlap(kind). A BUS is a closed vehicle, so any positive overlap counts; rooms need 15
 * minutes by default. A GATE is pass-through and exposes nobody unless {@code gateExposes}.
 */
public final class ExposurePolicy {

  /** Kinds a request's {@code minOverlapMinutes} overrides: every room, not the bus, not the gate. */
  private static final CheckpointKind[] ROOMS = {
      CheckpointKind.WORKSHOP, CheckpointKind.CANTEEN, CheckpointKind.DORMITORY, CheckpointKind.OTHER};

  private final Map<CheckpointKind, Duration> minOverlap;
  private final boolean gateExposes;

  public ExposurePolicy(Map<CheckpointKind, Duration> minOverlap, boolean gateExposes) {
    this.minOverlap = KindDurations.complete(minOverlap, "min overlap");
    this.gateExposes = gateExposes;
  }

  /** BUS and GATE: any positive overlap; rooms: 15 minutes; gates expose nobody. */
  public static ExposurePolicy defaults() {
    Map<CheckpointKind, Duration> m = new EnumMap<>(CheckpointKind.class);
    for (CheckpointKind kind : CheckpointKind.values()) {
      m.put(kind, Duration.ofMinutes(15));
    }
    m.put(CheckpointKind.BUS, Duration.ZERO);
    m.put(CheckpointKind.GATE, Duration.ZERO);
    return new ExposurePolicy(m, false);
  }

  /** This policy with every room kind (not BUS, not GATE) set to {@code minutes}; null keeps it. */
  public ExposurePolicy withRoomMinOverlap(Integer minutes) {
    if (minutes == null) {
      return this;
    }
    Map<CheckpointKind, Duration> m = new EnumMap<>(minOverlap);
    for (CheckpointKind kind : ROOMS) {
      m.put(kind, Duration.ofMinutes(minutes));
    }
    return new ExposurePolicy(m, gateExposes);
  }

  public ExposurePolicy withGateExposes(boolean exposes) {
    return new ExposurePolicy(minOverlap, exposes);
  }

  /** Whether stays at a checkpoint of this kind can expose anyone at all. */
  public boolean exposesAt(CheckpointKind kind) {
    return kind != CheckpointKind.GATE || gateExposes;
  }

  public Duration minOverlap(CheckpointKind kind) {
    return minOverlap.get(kind);
  }

  /** Whether an overlap of this length at a checkpoint of this kind exposes. */
  public boolean qualifies(CheckpointKind kind, Duration overlap) {
    return exposesAt(kind) && !overlap.isZero() && !overlap.isNegative() && overlap.compareTo(minOverlap.get(kind)) >= 0;
  }

  @Override
  public String toString() {
    return "ExposurePolicy" + minOverlap + (gateExposes ? " gate exposes" : "");
  }
}
