package vn.tracegate.tracing.graph;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker in a trace.
 *
 * @param level 0 for the F0, 1 for an F1 and so on: the length of the shortest exposure path
 * @param firstExposureAt start of the earliest qualifying overlap with a worker one level up;
 *     null for the F0
 * @param via the worker one level up of that earliest overlap; null for the F0
 */
public record TraceNode(String workerId, int level, Instant firstExposureAt, String via) {

  public TraceNode {
    Objects.requireNonNull(workerId, "workerId");
    if (level < 0 || (level == 0) != (via == null) || (level == 0) != (firstExposureAt == null)) {
      throw new IllegalArgumentException("level 0 (the F0) and only it has no via and no first exposure");
    }
  }

  /** "F0", "F1", ... as officers write it. */
  public String levelName() {
    return "F" + level;
  }
}
