package vn.tracegate.loadtest.roof;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitLog;
import vn.tracegate.loadtest.driver.ScanShots;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.Park;

/**
 * How fast this machine's Cassandra takes the visit log's rows, measured with the gateway's own
 * driver settings into a keyspace of its own: (a) each row as a single async INSERT, a fixed number
 * in flight; (b) the production write pattern, {@link VisitLog#append} on a Vert.x event loop (both
 * rows of a scan in one unlogged batch, scans grouped while writes are outstanding). The same rows.
 */
public final class CassandraRoof {

  /** Rows written per second in one mode, and the scans per second that makes (2 rows a scan). */
  public record Result(String mode, int rowsInFlight, double seconds, long rows, long errors) {
    public double rowsPerSecond() {
      return rows / seconds;
    }

    public double scansPerSecond() {
      return rowsPerSecond() / 2;
    }

    public JsonObject toJson() {
      return new JsonObject().put("mode", mode).put("rowsInFlight", rowsInFlight).put("seconds", seconds)
          .put("rows", rows).put("errors", errors).put("rowsPerSecond", Math.round(rowsPerSecond()))
          .put("scansPerSecondEquivalent", Math.round(scansPerSecond()));
    }
  }

  private static final String COLUMNS = "at, scan_id, kind, action, received_at, device_id, content_hash";

  private final Vertx vertx;
  private final CqlSession session;
  private final Park park;
  private final List<ScanEvent> events;
  private final int rowsInFlight;
  private final AtomicLong index = new AtomicLong();

  /** {@code session} is bound to the roof's own keyspace, migrated with the visit log schema. */
  public CassandraRoof(Vertx vertx, CqlSession session, Park park, List<ScanEvent> events, int rowsInFlight) {
    this.vertx = vertx;
    this.session = session;
    this.park = park;
    this.events = events;
    this.rowsInFlight = rowsInFlight;
  }

  /** (a) One INSERT per row, {@code rowsInFlight} at once; blocks the calling (non event-loop) thread. */
  public Result singleInserts(double warmupSeconds, double seconds) {
    PreparedStatement byWorker = session.prepare("INSERT INTO visits_by_worker (worker_id, day, checkpoint_id, "
        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    PreparedStatement byCheckpoint = session.prepare("INSERT INTO visits_by_checkpoint (checkpoint_id, day, "
        + "worker_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Window window = new Window(warmupSeconds, seconds);
    CompletableFuture<?>[] lanes = new CompletableFuture<?>[rowsInFlight];
    for (int i = 0; i < rowsInFlight; i++) {
      CompletableFuture<Void> lane = new CompletableFuture<>();
      insertLoop(i % 2 == 0 ? byWorker : byCheckpoint, i % 2 == 0, window, lane);
      lanes[i] = lane;
    }
    CompletableFuture.allOf(lanes).join();
    return window.result("single async INSERT per row", rowsInFlight);
  }

  private void insertLoop(PreparedStatement ps, boolean byWorker, Window window, CompletableFuture<Void> lane) {
    if (window.over()) {
      lane.complete(null);
      return;
    }
    Visit v = nextVisit();
    LocalDate day = DayBucket.of(v.at());
    var bound = byWorker
        ? ps.bind(v.workerId(), day, v.checkpointId(), v.at(), v.scanId(), v.kind().name(), v.action().name(),
            v.receivedAt(), v.deviceId(), v.contentHash())
        : ps.bind(v.checkpointId(), day, v.workerId(), v.at(), v.scanId(), v.kind().name(), v.action().name(),
            v.receivedAt(), v.deviceId(), v.contentHash());
    session.executeAsync(bound.setIdempotent(true)).whenComplete((rs, err) -> {
      window.count(1, err != null);
      if (err == null) {
        insertLoop(ps, byWorker, window, lane);
      } else {
        // A request refused at once would recurse on this stack: go round through the pool.
        CompletableFuture.runAsync(() -> insertLoop(ps, byWorker, window, lane));
      }
    });
  }

  /** (b) {@link VisitLog#append} on an event loop, {@code rowsInFlight / 2} scans at once. */
  public Future<Result> visitLog(Context context, double warmupSeconds, double seconds) {
    Promise<Result> done = Promise.promise();
    context.runOnContext(v -> {
      VisitLog log = new VisitLog(vertx, session);
      Window window = new Window(warmupSeconds, seconds);
      int lanes = Math.max(1, rowsInFlight / 2);
      int[] open = {lanes};
      for (int i = 0; i < lanes; i++) {
        appendLoop(log, window, () -> {
          if (--open[0] == 0) {
            done.complete(window.result("VisitLog.append (both rows of a scan in one batch, grouped as in the gateway)", lanes * 2));
          }
        });
      }
    });
    return done.future();
  }

  private void appendLoop(VisitLog log, Window window, Runnable laneDone) {
    if (window.over()) {
      laneDone.run();
      return;
    }
    log.append(nextVisit()).onComplete(ar -> {
      window.count(2, ar.failed());
      if (ar.succeeded()) {
        appendLoop(log, window, laneDone);
      } else {
        vertx.setTimer(1, id -> appendLoop(log, window, laneDone));
      }
    });
  }

  /** The visit a scan of the run would write: same ids, kinds and column sizes. */
  private Visit nextVisit() {
    long i = index.getAndIncrement();
    ScanEvent e = events.get((int) (i % events.size()));
    Park.Checkpoint cp = park.checkpoints().get(e.checkpoint());
    Instant now = Instant.now();
    return new Visit(ScanShots.randomUuid(), park.workers().get(e.worker()).id(),
        cp.id(), cp.kind(), e.action(), now, now, cp.id() + "-mayroof", Long.toHexString(i) + "0123456789abcdef0123");
  }

  /** Counts only what completes inside the measured window, after the warm-up. */
  private record Window(long measureFrom, long end, AtomicLong rows, AtomicLong errors, double seconds) {
    Window(double warmupSeconds, double seconds) {
      this(System.nanoTime() + (long) (warmupSeconds * 1e9),
          System.nanoTime() + (long) ((warmupSeconds + seconds) * 1e9), new AtomicLong(), new AtomicLong(), seconds);
    }

    boolean over() {
      return System.nanoTime() >= end;
    }

    void count(int n, boolean failed) {
      long now = System.nanoTime();
      if (now >= measureFrom && now < end) {
        (failed ? errors : rows).addAndGet(n);
      }
    }

    Result result(String mode, int rowsInFlight) {
      return new Result(mode, rowsInFlight, seconds, rows.get(), errors.get());
    }
  }
}
