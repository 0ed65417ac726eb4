package vn.tracegate.tracing.stays;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import vn.tracegate.checkin.registry.CheckpointKind;

/**
 * A worker's presence at one checkpoint over [from, to): the unit that exposure rules compare.
 *
 * @param endedBy how the stay ended; see {@link StayEnd}
 */
public record Stay(
    String workerId, String checkpointId, CheckpointKind kind, Instant from, Instant to, StayEnd endedBy) {

  public Stay {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(endedBy, "endedBy");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a stay cannot end before it starts: " + from + " > " + to);
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  /** This stay cut to [start, end), or null when nothing of it lies there. */
  public Stay clip(Instant start, Instant end) {
    Instant f = from.isBefore(start) ? start : from;
    Instant t = to.isAfter(end) ? end : to;
    if (!f.isBefore(t)) {
      return null;
    }
    return f.equals(from) && t.equals(to) ? this : new Stay(workerId, checkpointId, kind, f, t, endedBy);
  }
}
