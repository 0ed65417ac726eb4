package vn.tracegate.tracing.graph;

import java.time.Instant;
import java.util.Objects;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * One qualifying contact: worker {@code from} (one level up) exposed worker {@code to} at a
 * checkpoint over [overlapStart, overlapEnd); {@code minutes} is that length rounded up.
 * For an F1 and above, only the part after {@code from}'s own first exposure counts.
 */
public record TraceEdge(
    String from,
    String to,
    String checkpointId,
    CheckpointKind kind,
    Instant overlapStart,
    Instant overlapEnd,
    long minutes) {

  public TraceEdge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(overlapStart, "overlapStart");
    Objects.requireNonNull(overlapEnd, "overlapEnd");
  }
}
