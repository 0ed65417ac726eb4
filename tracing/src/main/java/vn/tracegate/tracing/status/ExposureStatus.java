package vn.tracegate.tracing.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;

/**
 * A worker's status and since when, with the trace that set it (null when NORMAL).
 * For the F0, since is the start of the traced window; for others their first exposure.
 */
public record ExposureStatus(String workerId, ExposureLevel level, Instant since, UUID traceId) {

  public ExposureStatus {
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(level, "level");
  }

  public static ExposureStatus normal(String workerId) {
    return new ExposureStatus(workerId, ExposureLevel.NORMAL, null, null);
  }

  /** The status each node of a trace proposes. */
  public static List<ExposureStatus> of(TraceGraph graph, UUID traceId, Instant windowFrom) {
    List<ExposureStatus> out = new ArrayList<>();
    for (TraceNode n : graph.nodes()) {
      out.add(new ExposureStatus(n.workerId(), ExposureLevel.ofTraceLevel(n.level()),
          n.level() == 0 ? windowFrom : n.firstExposureAt(), traceId));
    }
    return out;
  }

  /**
   * Whether {@code proposed} replaces this status: only a more severe level does; a later trace
   * never lowers a status, nor moves the since of an equal one.
   */
  public boolean isRaisedBy(ExposureStatus proposed) {
    return proposed.level.isMoreSevereThan(level);
  }
}
