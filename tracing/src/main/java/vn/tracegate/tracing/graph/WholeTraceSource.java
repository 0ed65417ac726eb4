package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.exposure.ExposurePolicy;

/**
 * A visit source that can compute a whole trace itself, faster than the level-by-level search
 * over its reads (the in-memory index: {@code tracing.index.IndexedVisitSource}). It must give the
 * same graph; where it cannot answer alone, the tracer reads it level by level.
 */
public interface WholeTraceSource {

  /**
   * The graph of a validated request under {@code policy} (the request's minimum overlap already
   * applied), or a future of null when this source cannot answer it alone. Never blocks the caller.
   */
  Future<TraceGraph> trace(TraceRequest request, DwellPolicy dwell, ExposurePolicy policy);
}
