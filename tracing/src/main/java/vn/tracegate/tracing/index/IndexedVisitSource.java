package vn.tracegate.tracing.index;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.graph.VisitSource;

/**
 * One trace's view of the visit log: what falls in the index's days from memory, anything older
 * from the log itself. Answers at once (the index is in memory), on the caller's thread.
 */
final class IndexedVisitSource implements VisitSource {

  private final VisitIndex index;
  private final VisitSource log;

  IndexedVisitSource(VisitIndex index, VisitSource log) {
    this.index = index;
    this.log = log;
  }

  @Override
  public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
    return visitsOfWorkers(List.of(workerId), from, to).map(m -> m.getOrDefault(workerId, List.of()));
  }

  @Override
  public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    return visitsAtCheckpoints(List.of(checkpointId), from, to).map(m -> m.getOrDefault(checkpointId, List.of()));
  }

  @Override
  public Future<Map<String, List<Visit>>> visitsOfWorkers(Collection<String> workerIds, Instant from, Instant to) {
    return split(workerIds, from, to, true);
  }

  @Override
  public Future<Map<String, List<Visit>>> visitsAtCheckpoints(Collection<String> checkpointIds, Instant from,
      Instant to) {
    return split(checkpointIds, from, to, false);
  }

  /** [from, covered) from the log, [covered, to) from memory, merged per key. */
  private Future<Map<String, List<Visit>>> split(Collection<String> keys, Instant from, Instant to, boolean workers) {
    Instant covered = index.coveredFrom();
    Instant memoryFrom = from.isBefore(covered) ? covered : from;
    Map<String, List<Visit>> out = new HashMap<>();
    if (memoryFrom.isBefore(to)) {
      for (String key : keys) {
        List<Visit> found = workers ? index.visitsOfWorker(key, memoryFrom, to)
            : index.visitsAtCheckpoint(key, memoryFrom, to);
        if (!found.isEmpty()) {
          out.put(key, found);
        }
      }
    }
    if (!from.isBefore(covered)) {
      return Future.succeededFuture(out);
    }
    Instant logTo = to.isBefore(covered) ? to : covered;
    Future<Map<String, List<Visit>>> older = workers ? log.visitsOfWorkers(keys, from, logTo)
        : log.visitsAtCheckpoints(keys, from, logTo);
    return older.map(old -> {
      old.forEach((key, visits) -> {
        List<Visit> merged = new ArrayList<>(visits);
        merged.addAll(out.getOrDefault(key, List.of()));
        out.put(key, merged);
      });
      return out;
    });
  }
}
