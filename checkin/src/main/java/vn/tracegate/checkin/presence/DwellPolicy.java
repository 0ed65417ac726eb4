package vn.tracegate.checkin.presence;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * How long a stay without an OUT lasts at most, per kind (DESIGN.md): after that the worker is
 * no longer counted present, and tracing ends the stay there.
 */
public record DwellPolicy(Map<CheckpointKind, Duration> maxDwell) {

  public static DwellPolicy defaults() {
    Map<CheckpointKind, Duration> m = new EnumMap<>(CheckpointKind.class);
    m.put(CheckpointKind.WORKSHOP, Duration.ofHours(10));
    m.put(CheckpointKind.CANTEEN, Duration.ofHours(1));
    m.put(CheckpointKind.BUS, Duration.ofHours(2));
    m.put(CheckpointKind.DORMITORY, Duration.ofHours(12));
    m.put(CheckpointKind.OTHER, Duration.ofHours(2));
    // On site after passing a gate: one long shift at most.
    m.put(CheckpointKind.GATE, Duration.ofHours(14));
    return new DwellPolicy(Map.copyOf(m));
  }

  public Duration of(CheckpointKind kind) {
    return maxDwell.getOrDefault(kind, Duration.ofHours(2));
  }

  public Duration longest() {
    return maxDwell.values().stream().max(Duration::compareTo).orElse(Duration.ofHours(14));
  }
}
