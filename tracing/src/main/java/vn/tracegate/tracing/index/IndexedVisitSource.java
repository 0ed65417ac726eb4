package vn.tracegate.tracing.index;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceRequest;
import vn.tracegate.tracing.graph.VisitSource;
import vn.tracegate.tracing.graph.WholeTraceSource;

/**
 * One trace's view of the visit log: what falls in the index's days from memory, anything older
 * from the log itself. The memory part is read on a worker thread: a level of a big trace reads
 * hundreds of thousands of scans, too long for an event loop.
 */
final class IndexedVisitSource implements VisitSource, WholeTraceSource {

  private final Vertx vertx;
  private final VisitIndex index;
  private final VisitSource log;

  IndexedVisitSource(Vertx vertx, VisitIndex index, VisitSource log) {
    this.vertx = vertx;
    this.index = index;
    this.log = log;
  }

  /**
   * The whole trace on the index's columns ({@link IndexTracer}), on a worker thread; null (read
   * level by level) when the window reaches before the index's first day.
   */
  @Override
  public Future<TraceGraph> trace(TraceRequest request, DwellPolicy dwell, ExposurePolicy policy) {
    return vertx.executeBlocking(() -> IndexTracer.trace(index, request, dwell, policy), false);
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
    Future<Map<String, List<Visit>>> memory = memoryFrom.isBefore(to)
        ? vertx.executeBlocking(() -> fromMemory(keys, memoryFrom, to, workers), false)
            // The index let that day go meanwhile (midnight, or its size bound): read the log.
            .recover(e -> e instanceof IllegalArgumentException ? read(log, keys, memoryFrom, to, workers)
                .map(HashMap::new) : Future.failedFuture(e))
        : Future.succeededFuture(new HashMap<>());
    if (!from.isBefore(covered)) {
      return memory;
    }
    Instant logTo = to.isBefore(covered) ? to : covered;
    Future<Map<String, List<Visit>>> older = read(log, keys, from, logTo, workers);
    return Future.all(memory, older).map(both -> {
      Map<String, List<Visit>> out = memory.result();
      older.result().forEach((key, visits) -> {
        List<Visit> merged = new ArrayList<>(visits);
        merged.addAll(out.getOrDefault(key, List.of()));
        out.put(key, merged);
      });
      return out;
    });
  }

  private static Future<Map<String, List<Visit>>> read(VisitSource source, Collection<String> keys, Instant from,
      Instant to, boolean workers) {
    return workers ? source.visitsOfWorkers(keys, from, to) : source.visitsAtCheckpoints(keys, from, to);
  }

  private Map<String, List<Visit>> fromMemory(Collection<String> keys, Instant from, Instant to, boolean workers) {
    Map<String, List<Visit>> out = new HashMap<>();
    for (String key : keys) {
      List<Visit> found = workers ? index.visitsOfWorker(key, from, to) : index.visitsAtCheckpoint(key, from, to);
      if (!found.isEmpty()) {
        out.put(key, found);
      }
    }
    return out;
  }
}
