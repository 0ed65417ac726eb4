package vn.tracegate.tracing.visitlog;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The visit log in Cassandra: one prepared SELECT per table, one query per (key, UTC day) that
 * the range touches (so night shifts read both days), every page fetched asynchronously, and at
 * most {@code maxInFlight} partition reads at once across all traces of this instance.
 */
public final class CassandraVisitSource implements VisitSource {

  /** A trace level may need hundreds of partitions; 64 at once keeps one node responsive. */
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
        + " FROM visits_by_worker WHERE worker_id = ? AND day = ? AND at >= ? AND at < ?");
    CompletionStage<PreparedStatement> c = session.prepareAsync("SELECT " + COLUMNS
        + " FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ? AND at >= ? AND at < ?");
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
    List<CompletableFuture<List<Visit>>> days = new ArrayList<>();
    if (from.isBefore(to)) {
      for (LocalDate day : DayBucket.covering(from, to)) {
        Instant dayStart = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = from.isAfter(dayStart) ? from : dayStart;
        Instant dayEnd = dayStart.plusSeconds(86_400);
        Instant end = to.isBefore(dayEnd) ? to : dayEnd;
        if (start.isBefore(end)) {
          days.add(limit.submit(() -> session.executeAsync(statement.bind(key, day, start, end))
              .thenCompose(rs -> all(rs, new ArrayList<>()))).toCompletableFuture());
        }
      }
    }
    CompletionStage<List<Visit>> all = CompletableFuture.allOf(days.toArray(CompletableFuture[]::new))
        .thenApply(x -> {
          List<Visit> out = new ArrayList<>();
          days.forEach(d -> out.addAll(d.getNow(List.of())));
          return out;
        });
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

  private static Visit visit(Row row) {
    Instant at = row.getInstant("at");
    Instant received = row.getInstant("received_at");
    String hash = row.getString("content_hash");
    return new Visit(row.getUuid("scan_id"), row.getString("worker_id"), row.getString("checkpoint_id"),
        CheckpointKind.valueOf(row.getString("kind")), ScanAction.valueOf(row.getString("action")), at,
        received == null ? at : received, row.getString("device_id"), hash == null ? "" : hash);
  }
}
