package vn.tracegate.checkin.visits;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import vn.tracegate.checkin.store.LoopSessions;

/**
 * Appends accepted scans to the visit log in Cassandra, the source of truth: one row in
 * {@code visits_by_worker} and one in {@code visits_by_checkpoint}, both keyed by scan id and
 * idempotent, so a retried scan rewrites the same rows. The future completes only when both
 * rows are written at the configured consistency; only then may a scan be acknowledged.
 *
 * <p>Both rows of a scan go in one unlogged batch, one request instead of two. While
 * {@link Grouping#maxRequests} writes are outstanding, further scans wait and leave together,
 * up to {@link Grouping#maxScans} in one batch, when a write returns (group commit). With a
 * {@link Grouping#lingerMillis linger}, scans also wait that long for others to join them (a
 * full batch leaves at once): on a small machine a Cassandra request costs several times more
 * CPU at a few hundred requests a second than at saturation (thread wake-ups on both sides), so
 * fewer, fuller batches are what lets the same cores take more scans, for a few milliseconds of
 * latency. A batch that fails fails every scan in it (none is acknowledged; the client's retry
 * rewrites the same rows).
 */
public final class VisitLog {

  /**
   * How writes are grouped.
   *
   * @param maxRequests write requests outstanding at most before scans queue
   * @param maxScans scans in one batch at most (two rows each; Cassandra warns above ten
   *     partitions in an unlogged batch)
   * @param lingerMillis how long a scan waits for others to fill its batch; 0 writes at once
   *     while a request slot is free
   */
  public record Grouping(int maxRequests, int maxScans, int lingerMillis) {
    public static final Grouping DEFAULT = new Grouping(16, 5, 0);

    public Grouping(int maxRequests, int maxScans) {
      this(maxRequests, maxScans, 0);
    }

    public Grouping {
      if (maxRequests < 1 || maxScans < 1 || maxScans > 5 || lingerMillis < 0) {
        throw new IllegalArgumentException("maxRequests >= 1, 1 <= maxScans <= 5 and lingerMillis >= 0, got "
            + maxRequests + ", " + maxScans + ", " + lingerMillis);
      }
    }
  }

  private static final String COLUMNS =
      "at, scan_id, kind, action, received_at, device_id, content_hash";

  private final Vertx vertx;
  private final LoopSessions sessions;
  /** Per session of {@link #sessions}, the two inserts prepared on it. */
  private final PreparedStatement[] byWorker;
  private final PreparedStatement[] byCheckpoint;
  private final Grouping grouping;
  private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
  private int outstanding;
  /** A linger timer is set for the scans waiting (guarded by {@link #waiting}). */
  private boolean lingering;
  /** The waiting scans have lingered long enough: the next write to return takes them (guarded by {@link #waiting}). */
  private boolean due;
  private final LongAdder requests = new LongAdder();
  private final LongAdder scans = new LongAdder();

  public VisitLog(Vertx vertx, CqlSession session) {
    this(vertx, session, Grouping.DEFAULT);
  }

  public VisitLog(Vertx vertx, CqlSession session, Grouping grouping) {
    this(vertx, LoopSessions.sharedOnly(session), grouping);
  }

  /**
   * Writes through the session of the calling thread's event loop. Prepares its statements on
   * every session, so it blocks: build it off the event loops.
   */
  public VisitLog(Vertx vertx, LoopSessions sessions, Grouping grouping) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.grouping = grouping;
    int n = sessions.all().size();
    this.byWorker = new PreparedStatement[n];
    this.byCheckpoint = new PreparedStatement[n];
    for (int i = 0; i < n; i++) {
      CqlSession session = sessions.all().get(i);
      byWorker[i] = session.prepare("INSERT INTO visits_by_worker (worker_id, day, checkpoint_id, " + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      byCheckpoint[i] = session.prepare("INSERT INTO visits_by_checkpoint (checkpoint_id, day, worker_id, "
          + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
  }

  /** Completes when both rows of the visit are written; fails if they may not be. */
  public Future<Void> append(Visit v) {
    Pending p = new Pending(v, new CompletableFuture<>());
    List<Pending> now = List.of();
    boolean arm = false;
    synchronized (waiting) {
      if (grouping.lingerMillis() == 0) {
        if (outstanding < grouping.maxRequests()) {
          outstanding++;
          now = List.of(p);
        } else {
          waiting.add(p);
        }
      } else {
        waiting.add(p);
        if (waiting.size() >= grouping.maxScans() && outstanding < grouping.maxRequests()) {
          outstanding++;
          now = takeGroup();
          due = due && !waiting.isEmpty();
        }
        if (!waiting.isEmpty() && !lingering && !due) {
          lingering = true;
          arm = true;
        }
      }
    }
    if (arm) {
      vertx.setTimer(grouping.lingerMillis(), id -> lingered());
    }
    if (!now.isEmpty()) {
      send(now);
    }
    return Future.fromCompletionStage(p.done(), vertx.getOrCreateContext());
  }

  /**
   * The linger is over: the waiting scans are due. They leave now if a request slot is free; what
   * does not fit leaves with the next write to return.
   */
  private void lingered() {
    List<Pending> now = List.of();
    synchronized (waiting) {
      lingering = false;
      if (waiting.isEmpty()) {
        return;
      }
      if (outstanding < grouping.maxRequests()) {
        outstanding++;
        now = takeGroup();
      }
      due = !waiting.isEmpty();
    }
    send(now);
  }

  /** Up to {@link Grouping#maxScans} waiting scans, oldest first (holding the lock). */
  private List<Pending> takeGroup() {
    int n = Math.min(grouping.maxScans(), waiting.size());
    List<Pending> next = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      next.add(waiting.poll());
    }
    return next;
  }

  /** Write requests sent so far. */
  public long requests() {
    return requests.sum();
  }

  /** Scans written (or attempted) so far; {@code scans() / requests()} is the mean group size. */
  public long scans() {
    return scans.sum();
  }

  private void send(List<Pending> group) {
    List<Pending> next = group;
    while (!next.isEmpty()) {
      List<Pending> current = next;
      requests.increment();
      scans.add(current.size());
      CompletableFuture<Void> written = execute(current, sessions.current());
      if (!written.isDone()) {
        written.whenComplete((rs, err) -> send(finish(current, err == null ? null : unwrap(err))));
        return;
      }
      // Completed at once (e.g. no node to send to): go on here rather than recursing.
      Throwable err = written.isCompletedExceptionally() ? failure(written) : null;
      next = finish(current, err);
    }
  }

  /**
   * Sends a group through session {@code s}. A loop session with no connection (Cassandra just came
   * back: each session reconnects on its own schedule, up to seconds after the others) hands the
   * group to the shared session instead of failing the scans.
   */
  private CompletableFuture<Void> execute(List<Pending> group, int s) {
    CompletableFuture<Void> written;
    try {
      written = sessions.all().get(s).executeAsync(statement(group, s)).toCompletableFuture().thenApply(rs -> null);
    } catch (RuntimeException e) {
      written = CompletableFuture.failedFuture(e);
    }
    if (s == 0) {
      return written;
    }
    CompletableFuture<Void> first = written;
    return first.handle((ok, err) -> err != null && unwrap(err) instanceof NoNodeAvailableException
            ? execute(group, 0) : first)
        .thenCompose(f -> f);
  }

  private static Throwable unwrap(Throwable err) {
    return err instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause() : err;
  }

  /** Completes a group and takes the next one; releases the request slot when nobody waits. */
  private List<Pending> finish(List<Pending> group, Throwable err) {
    for (Pending p : group) {
      if (err == null) {
        p.done().complete(null);
      } else {
        p.done().completeExceptionally(err);
      }
    }
    synchronized (waiting) {
      // Scans still lingering (their timer is set, the batch is not full) are left to the timer.
      boolean take = !waiting.isEmpty()
          && (grouping.lingerMillis() == 0 || due || waiting.size() >= grouping.maxScans());
      if (!take) {
        outstanding--;
        due = due && !waiting.isEmpty();
        return List.of();
      }
      List<Pending> next = takeGroup();
      if (waiting.isEmpty()) {
        due = false;
      }
      return next;
    }
  }

  /** The failure of a future that is already complete (never waits). */
  private static Throwable failure(CompletableFuture<?> f) {
    return unwrap(f.handle((ok, e) -> e).getNow(null));
  }

  private BatchStatement statement(List<Pending> group, int s) {
    BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED);
    for (Pending p : group) {
      Visit v = p.visit();
      LocalDate day = DayBucket.of(v.at());
      batch.addStatement(bind(byWorker[s], v.workerId(), day, v.checkpointId(), v));
      batch.addStatement(bind(byCheckpoint[s], v.checkpointId(), day, v.workerId(), v));
    }
    return batch.build().setIdempotent(true);
  }

  /** Binds with the columns' codecs named, so the driver does not look one up for every value. */
  private static BoundStatement bind(PreparedStatement ps, String key, LocalDate day, String other, Visit v) {
    return ps.boundStatementBuilder()
        .set(0, key, TypeCodecs.TEXT)
        .set(1, day, TypeCodecs.DATE)
        .set(2, other, TypeCodecs.TEXT)
        .set(3, v.at(), TypeCodecs.TIMESTAMP)
        .set(4, v.scanId(), TypeCodecs.UUID)
        .set(5, v.kind().name(), TypeCodecs.TEXT)
        .set(6, v.action().name(), TypeCodecs.TEXT)
        .set(7, v.receivedAt(), TypeCodecs.TIMESTAMP)
        .set(8, v.deviceId(), TypeCodecs.TEXT)
        .set(9, v.contentHash(), TypeCodecs.TEXT)
        .build();
  }

  private record Pending(Visit visit, CompletableFuture<Void> done) {}
}
