package vn.tracegate.tracing.visitlog;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.tracing.graph.VisitSource;

/**
 * The visit log in Cassandra: one prepared SELECT per table, one query per range that names every
 * UTC day partition it touches ({@code day IN ?}, so night shifts read both days), every page
 * fetched asynchronously, and at most {@code maxInFlight} queries at once across all traces of
 * this instance. One query per range, not per day: a 14-day trace reads thousands of small worker
 * partitions, and per-request costs in the driver and the server dominated.
 */
public final class CassandraVisitSource implements VisitSource {

  /** A trace level may need thousands of ranges; 64 queries at once keep one node responsive. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  private static final String COLUMNS =
      "scan_id, worker_id, checkpoint_id, kind, action, at, received_at, device_id, content_hash";

  private static final Logger LOG = LoggerFactory.getLogger(CassandraVisitSource.class);

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement byWorker;
  private final PreparedStatement byCheckpoint;
  private final InFlightLimit limit;

  private CassandraVisitSource(Vertx vertx, CqlSession session, PreparedStatement byWorker,
      PreparedStatement byCheckpoint, InFlightLimit limit) {
    this.vertx = vertx;
    this.session = session;
    this.byWorker = byWorker;
    this.byCheckpoint = byCheckpoint;
    this.limit = limit;
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<CassandraVisitSource> create(Vertx vertx, CqlSession session, int maxInFlight) {
    CompletionStage<PreparedStatement> w = session.prepareAsync("SELECT " + COLUMNS
        + " FROM visits_by_worker WHERE worker_id = ? AND day IN ? AND at >= ? AND at < ?");
    CompletionStage<PreparedStatement> c = session.prepareAsync("SELECT " + COLUMNS
        + " FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day IN ? AND at >= ? AND at < ?");
    return Future.fromCompletionStage(w.thenCombine(c, (pw, pc) ->
        new CassandraVisitSource(vertx, session, pw, pc, new InFlightLimit(maxInFlight))), vertx.getOrCreateContext());
  }

  @Override
  public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
    return read(byWorker, workerId, from, to);
  }

  @Override
  public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    return read(byCheckpoint, checkpointId, from, to);
  }

  private Future<List<Visit>> read(PreparedStatement statement, String key, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return Future.succeededFuture(List.of());
    }
    // One request for every day partition of the range: [from, to) is exclusive, so a range that
    // ends at midnight does not touch the next day.
    List<LocalDate> days = DayBucket.covering(from, to.minusNanos(1));
    CompletionStage<List<Visit>> all = limit.submit(() -> session.executeAsync(statement.bind(key, days, from, to))
        .thenCompose(rs -> all(rs, new ArrayList<>())));
    return Future.fromCompletionStage(all, vertx.getOrCreateContext()).recover(e -> {
      LOG.warn("reading the visit log failed: {}", e.toString());
      return Future.failedFuture(Rejection.unavailable("VISIT_LOG_UNAVAILABLE",
          "the visit log cannot be read right now; try again"));
    });
  }

  private static CompletionStage<List<Visit>> all(AsyncResultSet page, List<Visit> into) {
    for (Row row : page.currentPage()) {
      into.add(visit(row));
    }
    if (page.hasMorePages()) {
      return page.fetchNextPage().thenCompose(next -> all(next, into));
    }
    return CompletableFuture.completedFuture(into);
  }

  /** Columns by position, in the order of {@link #COLUMNS}: a name lookup per cell adds up over a trace. */
  private static Visit visit(Row row) {
    Instant at = row.getInstant(5);
    Instant received = row.getInstant(6);
    String hash = row.getString(8);
    return new Visit(row.getUuid(0), row.getString(1), row.getString(2), CheckpointKind.valueOf(row.getString(3)),
        ScanAction.valueOf(row.getString(4)), at, received == null ? at : received, row.getString(7),
        hash == null ? "" : hash);
  }
}
