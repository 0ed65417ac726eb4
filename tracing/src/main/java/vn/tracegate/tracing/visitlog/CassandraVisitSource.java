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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
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
 *
 * <p>Many keys over one range ({@link #visitsOfWorkers}, {@link #visitsAtCheckpoints}) are read
 * with {@code key IN ? AND day IN ?}, a few partitions per request ({@code workerPartitions}
 * per query for the small worker partitions, {@code checkpointPartitions} for the big checkpoint
 * ones): a depth-2 trace then sends hundreds of requests instead of thousands.
 */
public final class CassandraVisitSource implements VisitSource {

  /** A trace level may need thousands of ranges; 64 queries at once keep one node responsive. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;
  /**
   * Worker partitions (a dozen rows each) per multi-key query. The server reads a query's
   * partitions one after another, so more per query means fewer requests but longer ones: 128
   * hit the server's read timeout on a loaded box, and their 10,000-row pages cost the driver
   * more to decode (composite buffers) than they saved.
   */
  public static final int DEFAULT_WORKER_PARTITIONS = 32;
  /** Checkpoint partitions (up to thousands of rows each) per multi-key query. */
  public static final int DEFAULT_CHECKPOINT_PARTITIONS = 4;

  private static final String RANGE = " AND day IN ? AND at >= ? AND at < ?";

  private static final Logger LOG = LoggerFactory.getLogger(CassandraVisitSource.class);

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement byWorker;
  private final PreparedStatement byCheckpoint;
  private final PreparedStatement byWorkers;
  private final PreparedStatement byCheckpoints;
  private final InFlightLimit limit;
  private final int workerPartitions;
  private final int checkpointPartitions;
  private final LongAdder requests = new LongAdder();

  private CassandraVisitSource(Vertx vertx, CqlSession session, List<PreparedStatement> statements,
      InFlightLimit limit, int workerPartitions, int checkpointPartitions) {
    this.vertx = vertx;
    this.session = session;
    this.byWorker = statements.get(0);
    this.byCheckpoint = statements.get(1);
    this.byWorkers = statements.get(2);
    this.byCheckpoints = statements.get(3);
    this.limit = limit;
    this.workerPartitions = workerPartitions;
    this.checkpointPartitions = checkpointPartitions;
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<CassandraVisitSource> create(Vertx vertx, CqlSession session, int maxInFlight) {
    return create(vertx, session, maxInFlight, DEFAULT_WORKER_PARTITIONS, DEFAULT_CHECKPOINT_PARTITIONS);
  }

  /** The same, with how many partitions a multi-key query of each table may name. */
  public static Future<CassandraVisitSource> create(Vertx vertx, CqlSession session, int maxInFlight,
      int workerPartitions, int checkpointPartitions) {
    if (workerPartitions < 1 || checkpointPartitions < 1) {
      throw new IllegalArgumentException("partitions per query must be at least 1");
    }
    // Single key: (scan id, the other key, kind, action, at); many keys: the key first. See visit(...).
    List<CompletionStage<PreparedStatement>> prepared = List.of(
        session.prepareAsync("SELECT scan_id, checkpoint_id, kind, action, at FROM visits_by_worker"
            + " WHERE worker_id = ?" + RANGE),
        session.prepareAsync("SELECT scan_id, worker_id, kind, action, at FROM visits_by_checkpoint"
            + " WHERE checkpoint_id = ?" + RANGE),
        session.prepareAsync("SELECT worker_id, scan_id, checkpoint_id, kind, action, at FROM visits_by_worker"
            + " WHERE worker_id IN ?" + RANGE),
        session.prepareAsync("SELECT checkpoint_id, scan_id, worker_id, kind, action, at FROM visits_by_checkpoint"
            + " WHERE checkpoint_id IN ?" + RANGE));
    CompletableFuture<List<PreparedStatement>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (CompletionStage<PreparedStatement> p : prepared) {
      all = all.thenCombine(p, (list, ps) -> {
        list.add(ps);
        return list;
      });
    }
    return Future.fromCompletionStage(all.thenApply(statements -> new CassandraVisitSource(vertx, session,
        statements, new InFlightLimit(maxInFlight), workerPartitions, checkpointPartitions)),
        vertx.getOrCreateContext());
  }

  /** Queries sent so far (not counting further pages), for benchmarks and metrics. */
  public long requests() {
    return requests.sum();
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
    CompletionStage<List<Visit>> all = limit.submit(() -> {
      requests.increment();
      return session.executeAsync(statement.bind(key, days, from, to))
          .thenCompose(rs -> all(rs, key, keyIsWorker, new ArrayList<>()));
    });
    return bridge(all);
  }

  @Override
  public Future<Map<String, List<Visit>>> visitsOfWorkers(Collection<String> workerIds, Instant from, Instant to) {
    return readMany(byWorkers, workerIds, true, workerPartitions, from, to);
  }

  @Override
  public Future<Map<String, List<Visit>>> visitsAtCheckpoints(Collection<String> checkpointIds, Instant from,
      Instant to) {
    return readMany(byCheckpoints, checkpointIds, false, checkpointPartitions, from, to);
  }

  /** Reads the keys in chunks of about {@code partitions} (key, day) partitions per query, all in parallel. */
  private Future<Map<String, List<Visit>>> readMany(PreparedStatement statement, Collection<String> keys,
      boolean keyIsWorker, int partitions, Instant from, Instant to) {
    if (!from.isBefore(to) || keys.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<LocalDate> days = DayBucket.covering(from, to.minusNanos(1));
    int perQuery = Math.max(1, partitions / days.size());
    List<String> all = new ArrayList<>(keys);
    List<CompletableFuture<Map<String, List<Visit>>>> chunks = new ArrayList<>();
    for (int i = 0; i < all.size(); i += perQuery) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + perQuery));
      chunks.add(limit.submit(() -> {
        requests.increment();
        return session.executeAsync(statement.bind(chunk, days, from, to))
            .thenCompose(rs -> many(rs, keyIsWorker, new HashMap<>()));
      }).toCompletableFuture());
    }
    CompletionStage<Map<String, List<Visit>>> merged = CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new))
        .thenApply(x -> {
          // All complete here: getNow never waits.
          if (chunks.size() == 1) {
            return chunks.get(0).getNow(Map.of());
          }
          Map<String, List<Visit>> out = new HashMap<>();
          for (CompletableFuture<Map<String, List<Visit>>> c : chunks) {
            out.putAll(c.getNow(Map.of()));
          }
          return out;
        });
    return bridge(merged);
  }

  private <T> Future<T> bridge(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(e -> {
      LOG.warn("reading the visit log failed: {}", e.toString());
      return Future.failedFuture(Rejection.unavailable("VISIT_LOG_UNAVAILABLE",
          "the visit log cannot be read right now; try again"));
    });
  }

  /** Rows of (key, scan_id, other key, kind, action, at), by key; a chunk's keys never span two chunks. */
  private static CompletionStage<Map<String, List<Visit>>> many(AsyncResultSet page, boolean keyIsWorker,
      Map<String, List<Visit>> into) {
    String lastKey = null;
    List<Visit> current = null;
    for (Row row : page.currentPage()) {
      String key = text(row, 0);
      if (!key.equals(lastKey)) {
        lastKey = key;
        current = into.computeIfAbsent(key, k -> new ArrayList<>());
      }
      String other = text(row, 2);
      Instant at = row.getInstant(5);
      current.add(new Visit(row.getUuid(1), keyIsWorker ? lastKey : other, keyIsWorker ? other : lastKey,
          CheckpointKind.valueOf(text(row, 3)), ScanAction.valueOf(text(row, 4)), at, at, null, ""));
    }
    if (page.hasMorePages()) {
      return page.fetchNextPage().thenCompose(next -> many(next, keyIsWorker, into));
    }
    return CompletableFuture.completedFuture(into);
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
