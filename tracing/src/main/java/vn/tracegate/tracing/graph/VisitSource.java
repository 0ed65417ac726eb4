package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitHistory;

/**
 * Where a trace reads the visit log: one worker's scans, or one checkpoint's, with
 * {@code from <= at < to}, in any order. Implementations never block the calling thread.
 * Only what stays are made of is promised (scan id, worker, checkpoint, kind, action, at): a
 * source may leave out the rest (no device, an empty content hash, {@code receivedAt == at}).
 *
 * <p>A trace asks for many keys over one range at once ({@link #visitsOfWorkers},
 * {@link #visitsAtCheckpoints}); by default that is one read per key, and a store may answer it
 * with fewer requests (several partitions per query).
 */
public interface VisitSource extends VisitHistory {

  Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to);

  @Override
  Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to);

  /** The scans of each of {@code workerIds} in [from, to), by worker; a worker with none may be absent. */
  default Future<Map<String, List<Visit>>> visitsOfWorkers(Collection<String> workerIds, Instant from, Instant to) {
    return eachKey(workerIds, id -> visitsOfWorker(id, from, to));
  }

  /** The scans at each of {@code checkpointIds} in [from, to), by checkpoint; one with none may be absent. */
  default Future<Map<String, List<Visit>>> visitsAtCheckpoints(Collection<String> checkpointIds, Instant from,
      Instant to) {
    return eachKey(checkpointIds, id -> visitsAtCheckpoint(id, from, to));
  }

  private static Future<Map<String, List<Visit>>> eachKey(Collection<String> keys,
      Function<String, Future<List<Visit>>> read) {
    List<String> order = new ArrayList<>(keys);
    List<Future<List<Visit>>> reads = new ArrayList<>(order.size());
    for (String key : order) {
      reads.add(read.apply(key));
    }
    return Future.all(reads).map(all -> {
      Map<String, List<Visit>> out = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        out.put(order.get(i), reads.get(i).result());
      }
      return out;
    });
  }
}
