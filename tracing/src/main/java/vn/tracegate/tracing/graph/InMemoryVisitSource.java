package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import vn.tracegate.checkin.visits.Visit;

/**
 * A visit log held in a list: for unit tests and in-process benchmarks. Counts the reads so a
 * test can tell how many partitions a trace touched.
 */
public final class InMemoryVisitSource implements VisitSource {

  private final List<Visit> visits;
  private final AtomicInteger reads = new AtomicInteger();

  public InMemoryVisitSource(Collection<Visit> visits) {
    this.visits = List.copyOf(visits);
  }

  @Override
  public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
    return select(v -> v.workerId().equals(workerId), from, to);
  }

  @Override
  public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    return select(v -> v.checkpointId().equals(checkpointId), from, to);
  }

  /** How many reads were made so far. */
  public int reads() {
    return reads.get();
  }

  private Future<List<Visit>> select(Predicate<Visit> key, Instant from, Instant to) {
    reads.incrementAndGet();
    List<Visit> out = new ArrayList<>();
    for (Visit v : visits) {
      if (key.test(v) && !v.at().isBefore(from) && v.at().isBefore(to)) {
        out.add(v);
      }
    }
    return Future.succeededFuture(out);
  }
}
