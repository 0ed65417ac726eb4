package vn.tracegate.tracing.trace;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceRequest;

/**
 * Traces in the {@code traces} table, by id, their graphs in {@code trace_graph_chunks}: deflated
 * JSON in chunks of at most 1 MiB ({@link GraphCodec}), written before the trace's row, so a row
 * that can be read has its whole graph. The stored graph holds the request's
 * {@code minOverlapMinutes} too (there is no column for it), so a stored trace says fully how it
 * was computed. Rows from before the chunks keep their JSON in {@code traces.graph}. Rows are
 * written once and expire with the retention TTL.
 */
public final class TraceStore {

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  private final PreparedStatement insertChunk;
  private final PreparedStatement selectChunks;

  private TraceStore(Vertx vertx, CqlSession session, List<PreparedStatement> statements) {
    this.vertx = vertx;
    this.session = session;
    this.insert = statements.get(0);
    this.select = statements.get(1);
    this.insertChunk = statements.get(2);
    this.selectChunks = statements.get(3);
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<TraceStore> create(Vertx vertx, CqlSession session) {
    List<Future<PreparedStatement>> statements = List.of(
        prepare(vertx, session, "INSERT INTO traces (id, f0_worker_id, window_from, window_to, depth, requested_by,"
            + " reason, created_at, graph_chunks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        prepare(vertx, session, "SELECT id, f0_worker_id, window_from, window_to, depth, requested_by, reason,"
            + " created_at, graph, graph_chunks FROM traces WHERE id = ?"),
        prepare(vertx, session, "INSERT INTO trace_graph_chunks (trace_id, seq, data) VALUES (?, ?, ?)"),
        prepare(vertx, session, "SELECT seq, data FROM trace_graph_chunks WHERE trace_id = ?"));
    return Future.all(statements).map(all -> new TraceStore(vertx, session, all.list()));
  }

  private static Future<PreparedStatement> prepare(Vertx vertx, CqlSession session, String cql) {
    return Future.fromCompletionStage(session.prepareAsync(cql), vertx.getOrCreateContext());
  }

  /**
   * Encodes the graph on a worker thread (a 4-day trace of a 50,000-worker park is about 70 MB of
   * JSON, 7 MB deflated), writes its chunks, all at once, then the row.
   */
  public Future<Void> save(SavedTrace trace) {
    TraceRequest r = trace.request();
    return vertx.executeBlocking(() -> GraphCodec.encode(trace.graph(), r.minOverlapMinutes()), false)
        .compose(chunks -> {
          List<Future<AsyncResultSet>> writes = new ArrayList<>(chunks.size());
          for (int i = 0; i < chunks.size(); i++) {
            writes.add(execute(insertChunk.bind(trace.id(), i, chunks.get(i)).setIdempotent(true)));
          }
          return Future.all(writes).map(chunks.size());
        })
        .compose(chunks -> execute(insert.bind(trace.id(), r.f0WorkerId(), r.from(), r.to(), r.depth(),
            trace.requestedBy(), trace.reason(), trace.createdAt(), chunks).setIdempotent(true)))
        .recover(e -> Future.failedFuture(Rejection.unavailable("TRACE_STORE_UNAVAILABLE",
            "the trace could not be saved; try again")))
        .mapEmpty();
  }

  /** The trace, or a NOT_FOUND {@link Rejection}. */
  public Future<SavedTrace> find(UUID id) {
    return execute(select.bind(id))
        .compose(rs -> {
          Row row = rs.one();
          if (row == null) {
            return Future.failedFuture(Rejection.notFound("trace", id.toString()));
          }
          Future<GraphCodec.Decoded> graph = row.isNull("graph_chunks")
              ? vertx.executeBlocking(() -> fromText(row.getString("graph")), false)
              : chunks(id, row.getInt("graph_chunks"))
                  .compose(chunks -> vertx.executeBlocking(() -> GraphCodec.decode(chunks), false));
          return graph.map(g -> new SavedTrace(row.getUuid("id"), new TraceRequest(row.getString("f0_worker_id"),
                  row.getInstant("window_from"), row.getInstant("window_to"), row.getInt("depth"),
                  g.minOverlapMinutes()), row.getString("requested_by"), row.getString("reason"),
              row.getInstant("created_at"), g.graph()));
        })
        .recover(e -> Future.failedFuture(e instanceof Rejection ? e : Rejection.unavailable(
            "TRACE_STORE_UNAVAILABLE", "the trace could not be read; try again")));
  }

  private static GraphCodec.Decoded fromText(String text) {
    JsonObject json = new JsonObject(text);
    return new GraphCodec.Decoded(TraceGraph.fromJson(json), json.getInteger("minOverlapMinutes"));
  }

  /** Every chunk of a graph, in order, all pages; fails when one is missing. */
  private Future<List<ByteBuffer>> chunks(UUID id, int count) {
    List<ByteBuffer> out = new ArrayList<>(count);
    return execute(selectChunks.bind(id)).compose(rs -> collect(rs, out)).map(v -> {
      if (out.size() != count) {
        throw new IllegalStateException("trace " + id + ": " + out.size() + " of " + count + " graph chunks");
      }
      return out;
    });
  }

  private Future<Void> collect(AsyncResultSet rs, List<ByteBuffer> out) {
    for (Row row : rs.currentPage()) {
      out.add(row.getByteBuffer("data"));
    }
    return rs.hasMorePages()
        ? Future.fromCompletionStage(rs.fetchNextPage(), vertx.getOrCreateContext()).compose(next -> collect(next, out))
        : Future.succeededFuture();
  }

  private Future<AsyncResultSet> execute(com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
    return Future.fromCompletionStage(session.executeAsync(statement), vertx.getOrCreateContext());
  }
}
