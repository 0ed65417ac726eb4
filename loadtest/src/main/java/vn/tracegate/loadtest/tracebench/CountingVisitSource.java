package vn.tracegate.loadtest.tracebench;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.graph.VisitSource;

/**
 * The production visit source, counting what a trace reads: range reads asked for, the (key, day)
 * partitions they touch and the rows they return, by worker and by checkpoint.
 */
final class CountingVisitSource implements VisitSource {

  final AtomicLong workerReads = new AtomicLong();
  final AtomicLong workerPartitions = new AtomicLong();
  final AtomicLong workerRows = new AtomicLong();
  final AtomicLong checkpointReads = new AtomicLong();
  final AtomicLong checkpointPartitions = new AtomicLong();
  final AtomicLong checkpointRows = new AtomicLong();
  private final VisitSource source;

  CountingVisitSource(VisitSource source) {
    this.source = source;
  }

  @Override
  public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
    workerReads.incrementAndGet();
    workerPartitions.addAndGet(DayBucket.covering(from, to.minusNanos(1)).size());
    return source.visitsOfWorker(workerId, from, to).onSuccess(v -> workerRows.addAndGet(v.size()));
  }

  @Override
  public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    checkpointReads.incrementAndGet();
    checkpointPartitions.addAndGet(DayBucket.covering(from, to.minusNanos(1)).size());
    return source.visitsAtCheckpoint(checkpointId, from, to).onSuccess(v -> checkpointRows.addAndGet(v.size()));
  }

  /** All counters, in the order above; a trace's reads are the difference of two snapshots. */
  long[] snapshot() {
    return new long[] {workerReads.get(), workerPartitions.get(), workerRows.get(), checkpointReads.get(),
        checkpointPartitions.get(), checkpointRows.get()};
  }
}
