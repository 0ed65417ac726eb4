package vn.tracegate.tracing.visitlog;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
 * this instance.
 *
 * <p>A depth-2 trace of a 50,000-worker park reads thousands of small partitions and a few hundred
 * thousand rows (loadtest {@code TraceBench}), so the read is lean: one request per range rather
 * than per day, and only the columns stays need. The partition key is not read back (it is the
 * key asked for), and the visits returned carry no device, an empty content hash and
 * {@code receivedAt == at}, as {@link VisitSource} allows.
 */
public final class CassandraVisitSource implements VisitSource {

  /** A trace level may need thousands of ranges; 64 queries at once keep one node responsive. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;

  private static final String RANGE = " AND day IN ? AND at >= ? AND at < ?";

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
    // Both select (scan id, the other key, kind, action, at): see visit(...).
    CompletionStage<PreparedStatement> w = session.prepareAsync(
        "SELECT scan_id, checkpoint_id, kind, action, at FROM visits_by_worker WHERE worker_id = ?" + RANGE);
    CompletionStage<PreparedStatement> c = session.prepareAsync(
        "SELECT scan_id, worker_id, kind, action, at FROM visits_by_checkpoint WHERE checkpoint_id = ?" + RANGE);
    return Future.fromCompletionStage(w.thenCombine(c, (pw, pc) ->
        new CassandraVisitSource(vertx, session, pw, pc, new InFlightLimit(maxInFlight))), vertx.getOrCreateContext());
  }

  @Override
  public Future<List<Visit>> visitsOfWorker(String workerId, Instant from, Instant to) {
    return read(byWorker, workerId, true, from, to);
  }

  @Override
  public Future<List<Visit>> visitsAtCheckpoint(String checkpointId, Instant from, Instant to) {
    return read(byCheckpoint, checkpointId, false, from, to);
  }

  private Future<List<Visit>> read(PreparedStatement statement, String key, boolean keyIsWorker, Instant from,
      Instant to) {
    if (!from.isBefore(to)) {
      return Future.succeededFuture(List.of());
    }
    // [from, to) is exclusive: a range that ends at midnight does not touch the next day.
    List<LocalDate> days = DayBucket.covering(from, to.minusNanos(1));
    CompletionStage<List<Visit>> all = limit.submit(() -> session.executeAsync(statement.bind(key, days, from, to))
        .thenCompose(rs -> all(rs, key, keyIsWorker, new ArrayList<>())));
    return Future.fromCompletionStage(all, vertx.getOrCreateContext()).recover(e -> {
      LOG.warn("reading the visit log failed: {}", e.toString());
      return Future.failedFuture(Rejection.unavailable("VISIT_LOG_UNAVAILABLE",
          "the visit log cannot be read right now; try again"));
    });
  }

  private static CompletionStage<List<Visit>> all(AsyncResultSet page, String key, boolean keyIsWorker,
      List<Visit> into) {
    for (Row row : page.currentPage()) {
      into.add(visit(row, key, keyIsWorker));
    }
    if (page.hasMorePages()) {
      return page.fetchNextPage().thenCompose(next -> all(next, key, keyIsWorker, into));
    }
    return CompletableFuture.completedFuture(into);
  }

  /** A row of (scan_id, other key, kind, action, at), by position. */
  private static Visit visit(Row row, String key, boolean keyIsWorker) {
    String other = text(row, 1);
    Instant at = row.getInstant(4);
    return new Visit(row.getUuid(0), keyIsWorker ? key : other, keyIsWorker ? other : key,
        CheckpointKind.valueOf(text(row, 2)), ScanAction.valueOf(text(row, 3)), at, at, null, "");
  }

  /**
   * A text column through {@code new String(bytes, UTF_8)}, which has a fast path for ASCII ids,
   * rather than the driver's codec (a CharsetDecoder per cell: a sixth of a trace's client CPU).
   */
  private static String text(Row row, int column) {
    ByteBuffer bytes = row.getBytesUnsafe(column);
    if (bytes == null) {
      return "";
    }
    if (bytes.hasArray()) {
      return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(),
          StandardCharsets.UTF_8);
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return new String(copy, StandardCharsets.UTF_8);
  }
}
