package vn.tracegate.tracing.status;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.tracing.visitlog.InFlightLimit;

/**
 * Workers' exposure status in {@code worker_status}. A trace only raises a status: each raise
 * reads the row and writes only a more severe level. The write is a plain INSERT whose write
 * timestamp encodes the severity (then the earlier exposure), so Cassandra's last-write-wins keeps
 * the most severe status whatever order concurrent traces write in: two traces raising the same
 * worker at once cannot lower it (both read NORMAL, F1 and F2 are written, F1's timestamp is
 * higher). A lightweight transaction per worker did the same at four round trips and a Paxos
 * write each: most of a big trace's response time.
 */
public final class WorkerStatusStore {

  /** Above any real write time in microseconds (year 38,000), so these writes win over old ones. */
  private static final long BASE = 1L << 60;

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement select;
  private final PreparedStatement insert;
  private final InFlightLimit limit = new InFlightLimit(64);

  private WorkerStatusStore(Vertx vertx, CqlSession session, PreparedStatement select, PreparedStatement insert) {
    this.vertx = vertx;
    this.session = session;
    this.select = select;
    this.insert = insert;
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<WorkerStatusStore> create(Vertx vertx, CqlSession session) {
    CompletionStage<PreparedStatement> select =
        session.prepareAsync("SELECT level, since, trace_id FROM worker_status WHERE worker_id = ?");
    CompletionStage<PreparedStatement> insert = session.prepareAsync(
        "INSERT INTO worker_status (worker_id, level, since, trace_id) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
    return Future.fromCompletionStage(select.thenCombine(insert, (si, in) ->
        new WorkerStatusStore(vertx, session, si, in)), vertx.getOrCreateContext());
  }

  /**
   * The write timestamp of a status: more severe first, then the earlier exposure. F0 > F1 > F2 >
   * F3 whatever their times; within a level the earliest "since" wins.
   */
  static long writeTimestamp(ExposureStatus status) {
    long rank = ExposureLevel.NORMAL.ordinal() - status.level().ordinal();
    return BASE + (rank << 50) + ((1L << 45) - status.since().toEpochMilli());
  }

  /** A worker's status; NORMAL when no trace has raised it (or it has expired). */
  public Future<ExposureStatus> find(String workerId) {
    return bridge(read(workerId));
  }

  /** Raises each worker to the proposed status where it is more severe; completes with how many changed. */
  public Future<Integer> raise(List<ExposureStatus> proposed) {
    List<CompletableFuture<Boolean>> each = new ArrayList<>();
    for (ExposureStatus p : proposed) {
      each.add(limit.submit(() -> raise(p)).toCompletableFuture());
    }
    CompletionStage<Integer> all = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(x -> (int) each.stream().filter(f -> f.getNow(false)).count());
    return bridge(all);
  }

  private CompletionStage<Boolean> raise(ExposureStatus proposed) {
    return read(proposed.workerId()).thenCompose(current -> {
      if (!current.isRaisedBy(proposed)) {
        return CompletableFuture.completedFuture(false);
      }
      return session.executeAsync(insert.bind(proposed.workerId(), proposed.level().name(), proposed.since(),
              proposed.traceId(), writeTimestamp(proposed)).setIdempotent(true))
          .thenApply(rs -> true);
    });
  }

  private CompletionStage<ExposureStatus> read(String workerId) {
    return session.executeAsync(select.bind(workerId)).thenApply(rs -> {
      Row row = rs.one();
      if (row == null || row.getString("level") == null) {
        return ExposureStatus.normal(workerId);
      }
      return new ExposureStatus(workerId, ExposureLevel.valueOf(row.getString("level")), row.getInstant("since"),
          row.getUuid("trace_id"));
    });
  }

  private <T> Future<T> bridge(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(Rejection.unavailable("STATUS_STORE_UNAVAILABLE",
            "worker status cannot be read or written right now; try again")));
  }
}
