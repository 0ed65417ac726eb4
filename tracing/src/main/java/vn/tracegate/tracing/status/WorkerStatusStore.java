package vn.tracegate.tracing.status;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /** Workers read in one query (IN) and raised in one unlogged batch of a group. */
  static final int GROUP = 50;

  private final PreparedStatement select;
  private final PreparedStatement selectMany;
  private final PreparedStatement insert;
  private final InFlightLimit limit = new InFlightLimit(16);

  private WorkerStatusStore(Vertx vertx, CqlSession session, PreparedStatement select, PreparedStatement selectMany,
      PreparedStatement insert) {
    this.vertx = vertx;
    this.session = session;
    this.select = select;
    this.selectMany = selectMany;
    this.insert = insert;
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<WorkerStatusStore> create(Vertx vertx, CqlSession session) {
    CompletionStage<PreparedStatement> select =
        session.prepareAsync("SELECT level, since, trace_id FROM worker_status WHERE worker_id = ?");
    CompletionStage<PreparedStatement> selectMany = session.prepareAsync(
        "SELECT worker_id, level, since, trace_id FROM worker_status WHERE worker_id IN ?");
    CompletionStage<PreparedStatement> insert = session.prepareAsync(
        "INSERT INTO worker_status (worker_id, level, since, trace_id) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
    return Future.fromCompletionStage(select.thenCompose(si -> selectMany.thenCombine(insert, (sm, in) ->
        new WorkerStatusStore(vertx, session, si, sm, in))), vertx.getOrCreateContext());
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

  /**
   * Raises each worker to the proposed status where it is more severe; completes with how many
   * changed. Workers go in groups of {@link #GROUP}: one read of the group (IN), then one unlogged
   * batch of its raises (each INSERT with its own timestamp). A 4-day trace of a big park raises
   * 20,000 workers: 800 requests instead of 40,000.
   */
  public Future<Integer> raise(List<ExposureStatus> proposed) {
    List<CompletableFuture<Integer>> each = new ArrayList<>();
    for (int i = 0; i < proposed.size(); i += GROUP) {
      List<ExposureStatus> group = proposed.subList(i, Math.min(proposed.size(), i + GROUP));
      each.add(limit.submit(() -> raiseGroup(group)).toCompletableFuture());
    }
    CompletionStage<Integer> all = CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(x -> each.stream().mapToInt(f -> f.getNow(0)).sum());
    return bridge(all);
  }

  private CompletionStage<Integer> raiseGroup(List<ExposureStatus> group) {
    Map<String, ExposureStatus> byWorker = new HashMap<>();
    for (ExposureStatus p : group) {
      // One worker twice in a group: the more severe proposal (then the earlier) is the one to write.
      byWorker.merge(p.workerId(), p, (a, b) -> writeTimestamp(a) >= writeTimestamp(b) ? a : b);
    }
    return session.executeAsync(selectMany.bind(new ArrayList<>(byWorker.keySet()))).thenCompose(rs -> {
      Map<String, ExposureStatus> current = new HashMap<>();
      for (Row row : rs.currentPage()) {
        current.put(row.getString("worker_id"), status(row.getString("worker_id"), row));
      }
      BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED).setIdempotence(true);
      for (ExposureStatus p : byWorker.values()) {
        if (current.getOrDefault(p.workerId(), ExposureStatus.normal(p.workerId())).isRaisedBy(p)) {
          batch.addStatement(insert.bind(p.workerId(), p.level().name(), p.since(), p.traceId(), writeTimestamp(p)));
        }
      }
      int raised = batch.getStatementsCount();
      return raised == 0 ? CompletableFuture.completedFuture(0)
          : session.executeAsync(batch.build()).thenApply(x -> raised);
    });
  }

  private CompletionStage<ExposureStatus> read(String workerId) {
    return session.executeAsync(select.bind(workerId)).thenApply(rs -> {
      return status(workerId, rs.one());
    });
  }

  private static ExposureStatus status(String workerId, Row row) {
    if (row == null || row.getString("level") == null) {
      return ExposureStatus.normal(workerId);
    }
    return new ExposureStatus(workerId, ExposureLevel.valueOf(row.getString("level")), row.getInstant("since"),
        row.getUuid("trace_id"));
  }

  private <T> Future<T> bridge(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(Rejection.unavailable("STATUS_STORE_UNAVAILABLE",
            "worker status cannot be read or written right now; try again")));
  }
}
