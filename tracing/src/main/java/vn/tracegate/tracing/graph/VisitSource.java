package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import vn.tracegate.checkin.visits.VisitHistory;
import java.time.Instant;
import java.util.List;
import vn.tracegate.checkin.visits.Visit;

/**
 * Where a trace reads the visit log: one worker's scans, or one checkpoint's, with
 * {@code from <= at < to}, in any order. Implementations never block the calling thread.
 * Only what stays are made of is promised (scan id, worker, checkpoint, kind, action, at): a
 * source may leave out the rest (no device, an empty content hash, {@code receivedAt == at}).
 */
public interface VisitSource extends VisitHistory {

  Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to);

  @Override
  Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to);
}
