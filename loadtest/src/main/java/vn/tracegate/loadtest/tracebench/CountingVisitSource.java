package vn.tracegate.loadtest.tracebench;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.graph.VisitSource;

/**
 * The production visit source, counting what a trace reads: range reads asked for (one per key
 * and range, whether or not the source answers several in one query), the (key, day) partitions
 * they touch and the rows they return, by worker and by checkpoint; and the queries the source
 * really sent.
 */
final class CountingVisitSource implements VisitSource {

  final AtomicLong workerReads = new AtomicLong();
  final AtomicLong workerPartitions = new AtomicLong();
  final AtomicLong workerRows = new AtomicLong();
  final AtomicLong checkpointReads = new AtomicLong();
  final AtomicLong checkpointPartitions = new AtomicLong();
  final AtomicLong checkpointRows = new AtomicLong();
  private final VisitSource source;
  private final LongSupplier requests;

  CountingVisitSource(VisitSource source, LongSupplier requests) {
    this.source = source;
    this.requests = requests;
  }

  @Override
  public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
    count(workerReads, workerPartitions, 1, from, to);
    return source.visitsOfWorker(workerId, from, to).onSuccess(v -> workerRows.addAndGet(v.size()));
  }

  @Override
  public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    count(checkpointReads, checkpointPartitions, 1, from, to);
    return source.visitsAtCheckpoint(checkpointId, from, to).onSuccess(v -> checkpointRows.addAndGet(v.size()));
  }

  @Override
  public Future<Map<String, List<Visit>>> visitsOfWorkers(Collection<String> workerIds, Instant from, Instant to) {
    count(workerReads, workerPartitions, workerIds.size(), from, to);
    return source.visitsOfWorkers(workerIds, from, to).onSuccess(m -> workerRows.addAndGet(rows(m)));
  }

  @Override
  public Future<Map<String, List<Visit>>> visitsAtCheckpoints(Collection<String> checkpointIds, Instant from,
      Instant to) {
    count(checkpointReads, checkpointPartitions, checkpointIds.size(), from, to);
    return source.visitsAtCheckpoints(checkpointIds, from, to).onSuccess(m -> checkpointRows.addAndGet(rows(m)));
  }

  private static void count(AtomicLong reads, AtomicLong partitions, int keys, Instant from, Instant to) {
    reads.addAndGet(keys);
    if (from.isBefore(to)) {
      partitions.addAndGet((long) keys * DayBucket.covering(from, to.minusNanos(1)).size());
    }
  }

  private static long rows(Map<String, List<Visit>> byKey) {
    long n = 0;
    for (List<Visit> v : byKey.values()) {
      n += v.size();
    }
    return n;
  }

  /** All counters, in the order above, then queries sent; a trace's reads are the difference of two snapshots. */
  long[] snapshot() {
    return new long[] {workerReads.get(), workerPartitions.get(), workerRows.get(), checkpointReads.get(),
        checkpointPartitions.get(), checkpointRows.get(), requests.getAsLong()};
  }
}
