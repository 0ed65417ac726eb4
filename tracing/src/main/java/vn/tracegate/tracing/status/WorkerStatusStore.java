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
 * reads the row, and writes only a more severe level, with a lightweight transaction conditioned
 * on the level it read ({@code IF NOT EXISTS} / {@code IF level = ?}). Two traces raising the
 * same worker at once therefore cannot lower it (a plain read-then-write could: both read NORMAL,
 * F1 is written, then F2 overwrites it); the loser re-reads and tries again.
 */
public final class WorkerStatusStore {

  private static final int ATTEMPTS = 5;

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement select;
  private final PreparedStatement insert;
  private final PreparedStatement update;
  private final InFlightLimit limit = new InFlightLimit(32);

  private WorkerStatusStore(Vertx vertx, CqlSession session, PreparedStatement select, PreparedStatement insert,
      PreparedStatement update) {
    this.vertx = vertx;
    this.session = session;
    this.select = select;
    this.insert = insert;
    this.update = update;
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<WorkerStatusStore> create(Vertx vertx, CqlSession session) {
    CompletionStage<PreparedStatement> select =
        session.prepareAsync("SELECT level, since, trace_id FROM worker_status WHERE worker_id = ?");
    CompletionStage<PreparedStatement> insert = session.prepareAsync(
        "INSERT INTO worker_status (worker_id, level, since, trace_id) VALUES (?, ?, ?, ?) IF NOT EXISTS");
    CompletionStage<PreparedStatement> update = session.prepareAsync(
        "UPDATE worker_status SET level = ?, since = ?, trace_id = ? WHERE worker_id = ? IF level = ?");
    return Future.fromCompletionStage(select.thenCombine(insert, List::of).thenCombine(update, (si, u) ->
        new WorkerStatusStore(vertx, session, si.get(0), si.get(1), u)), vertx.getOrCreateContext());
  }

  /** A worker's status; NORMAL when no trace has raised it (or it has expired). */
  public Future<ExposureStatus> find(String workerId) {
    return bridge(read(workerId));
  }

  /** Raises each worker to the proposed status where it is more severe; completes with how many changed. */
  public Future<Integer> raise(List<ExposureStatus> proposed) {
    List<CompletableFuture<Boolean>> each = new ArrayList<>();
    for (ExposureStatus p : proposed) {
      each.add(limit.submit(() -> raise(p, ATTEMPTS)).toCompletableFuture());
    }
    CompletionStage<Integer> all = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(x -> (int) each.stream().filter(f -> f.getNow(false)).count());
    return bridge(all);
  }

  private CompletionStage<Boolean> raise(ExposureStatus proposed, int attempts) {
    return read(proposed.workerId()).thenCompose(current -> {
      if (!current.isRaisedBy(proposed)) {
        return CompletableFuture.completedFuture(false);
      }
      var write = current.level() == ExposureLevel.NORMAL
          ? insert.bind(proposed.workerId(), proposed.level().name(), proposed.since(), proposed.traceId())
          : update.bind(proposed.level().name(), proposed.since(), proposed.traceId(), proposed.workerId(),
              current.level().name());
      return session.executeAsync(write).thenCompose(rs -> {
        if (rs.wasApplied()) {
          return CompletableFuture.completedFuture(true);
        }
        if (attempts <= 1) {
          return CompletableFuture.failedFuture(new IllegalStateException(
              "status of worker kept changing while raising it, " + ATTEMPTS + " attempts"));
        }
        return raise(proposed, attempts - 1);
      });
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
