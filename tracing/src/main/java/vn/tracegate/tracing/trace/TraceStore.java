package vn.tracegate.tracing.trace;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceRequest;

/**
 * Traces in the {@code traces} table, by id. The graph column holds the graph JSON plus the
 * request's {@code minOverlapMinutes} (there is no column for it), so a stored trace says fully
 * how it was computed. Rows are written once and expire with the retention TTL.
 */
public final class TraceStore {

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  private TraceStore(Vertx vertx, CqlSession session, PreparedStatement insert, PreparedStatement select) {
    this.vertx = vertx;
    this.session = session;
    this.insert = insert;
    this.select = select;
  }

  /** Prepares the statements once; {@code session} is bound to the keyspace. */
  public static Future<TraceStore> create(Vertx vertx, CqlSession session) {
    CompletionStage<PreparedStatement> insert = session.prepareAsync("INSERT INTO traces (id, f0_worker_id,"
        + " window_from, window_to, depth, requested_by, reason, created_at, graph) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    CompletionStage<PreparedStatement> select = session.prepareAsync("SELECT id, f0_worker_id, window_from,"
        + " window_to, depth, requested_by, reason, created_at, graph FROM traces WHERE id = ?");
    return Future.fromCompletionStage(insert.thenCombine(select, (i, s) -> new TraceStore(vertx, session, i, s)),
        vertx.getOrCreateContext());
  }

  /**
   * Encodes the graph on a worker thread (the JSON of a 4-day trace of a 50,000-worker park is
   * tens of megabytes and takes a second or more), then writes the row.
   */
  public Future<Void> save(SavedTrace trace) {
    TraceRequest r = trace.request();
    return vertx.executeBlocking(() -> trace.graph().toJson().put("minOverlapMinutes", r.minOverlapMinutes())
            .encode(), false)
        .compose(graph -> Future.fromCompletionStage(session.executeAsync(insert.bind(trace.id(), r.f0WorkerId(),
                r.from(), r.to(), r.depth(), trace.requestedBy(), trace.reason(), trace.createdAt(), graph)
            .setIdempotent(true)), vertx.getOrCreateContext()))
        .recover(e -> Future.failedFuture(Rejection.unavailable("TRACE_STORE_UNAVAILABLE",
            "the trace could not be saved; try again")))
        .mapEmpty();
  }

  /** The trace, or a NOT_FOUND {@link Rejection}. */
  public Future<SavedTrace> find(UUID id) {
    return Future.fromCompletionStage(session.executeAsync(select.bind(id)), vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(Rejection.unavailable("TRACE_STORE_UNAVAILABLE",
            "the trace could not be read; try again")))
        .compose(rs -> {
          Row row = rs.one();
          if (row == null) {
            return Future.failedFuture(Rejection.notFound("trace", id.toString()));
          }
          JsonObject graph = new JsonObject(row.getString("graph"));
          TraceRequest request = new TraceRequest(row.getString("f0_worker_id"), row.getInstant("window_from"),
              row.getInstant("window_to"), row.getInt("depth"), graph.getInteger("minOverlapMinutes"));
          return Future.succeededFuture(new SavedTrace(row.getUuid("id"), request, row.getString("requested_by"),
              row.getString("reason"), row.getInstant("created_at"), TraceGraph.fromJson(graph)));
        });
  }
}
