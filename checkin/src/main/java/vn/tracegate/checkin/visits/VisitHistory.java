package vn.tracegate.checkin.visits;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Reads the visit log back: the scans at one checkpoint in [from, to), oldest first. */
public interface VisitHistory {

  Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to);
}
