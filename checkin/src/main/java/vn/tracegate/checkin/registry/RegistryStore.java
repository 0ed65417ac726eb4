package vn.tracegate.checkin.registry;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import vn.tracegate.checkin.Rejection;

/**
 * The registry tables in Cassandra (see deploy/cql/V002__registry.cql): statements prepared once,
 * executed asynchronously, answers bridged to Vert.x futures on the caller's context. A store that
 * does not answer becomes a 503 Rejection; rows become records.
 */
final class RegistryStore {

  /** A statement prepared on first use and kept; a failed preparation is retried on the next use. */
  final class Query {
    private final String cql;
    private final boolean idempotent;
    private volatile CompletableFuture<PreparedStatement> prepared;

    private Query(String cql, boolean idempotent) {
      this.cql = cql;
      this.idempotent = idempotent;
    }

    CompletionStage<BoundStatement> bind(Object... values) {
      CompletableFuture<PreparedStatement> current = prepared;
      if (current == null || current.isCompletedExceptionally()) {
        current = session.prepareAsync(cql).toCompletableFuture();
        prepared = current;
      }
      return current.thenApply(ps -> ps.bind(values).setIdempotent(idempotent));
    }
  }

  final Query insertEnterprise = query("INSERT INTO enterprises (id, name, created_at)"
      + " VALUES (?, ?, toTimestamp(now())) IF NOT EXISTS", false);
  final Query selectEnterprise = query("SELECT id, name FROM enterprises WHERE id = ?", true);
  final Query insertCheckpoint = query("INSERT INTO checkpoints (id, enterprise_id, kind, name, capacity,"
      + " created_at) VALUES (?, ?, ?, ?, ?, toTimestamp(now())) IF NOT EXISTS", false);
  final Query selectCheckpoint = query("SELECT id, enterprise_id, kind, name, capacity FROM checkpoints"
      + " WHERE id = ?", true);
  final Query selectAllCheckpoints = query("SELECT id, enterprise_id, kind, name, capacity FROM checkpoints", true);
  final Query insertWorker = query("INSERT INTO workers (id, enterprise_id, full_name, phone, team,"
      + " created_at) VALUES (?, ?, ?, ?, ?, toTimestamp(now())) IF NOT EXISTS", false);
  final Query insertWorkerUnconditionally = query("INSERT INTO workers (id, enterprise_id, full_name, phone,"
      + " team, created_at) VALUES (?, ?, ?, ?, ?, toTimestamp(now()))", true);
  final Query updateWorker = query("UPDATE workers SET enterprise_id = ?, full_name = ?, phone = ?, team = ?"
      + " WHERE id = ?", true);
  final Query selectWorker = query("SELECT id, enterprise_id, full_name, phone, team FROM workers WHERE id = ?", true);
  final Query insertWorkerOfEnterprise = query("INSERT INTO workers_by_enterprise (enterprise_id, worker_id)"
      + " VALUES (?, ?)", true);
  final Query deleteWorkerOfEnterprise = query("DELETE FROM workers_by_enterprise"
      + " WHERE enterprise_id = ? AND worker_id = ?", true);
  final Query selectWorkersOfEnterprise = query("SELECT worker_id FROM workers_by_enterprise"
      + " WHERE enterprise_id = ?", true);
  final Query insertDevice = query("INSERT INTO devices (id, enterprise_id, checkpoint_ids, key_hash, revoked,"
      + " created_at) VALUES (?, ?, ?, ?, false, toTimestamp(now())) IF NOT EXISTS", false);
  final Query selectDevice = query("SELECT id, enterprise_id, checkpoint_ids, key_hash, revoked FROM devices"
      + " WHERE id = ?", true);
  final Query revokeDevice = query("UPDATE devices SET revoked = true WHERE id = ? IF EXISTS", false);
  final Query insertDeviceKey = query("INSERT INTO devices_by_key (key_hash, device_id) VALUES (?, ?)", true);
  final Query deleteDeviceKey = query("DELETE FROM devices_by_key WHERE key_hash = ?", true);
  final Query selectDeviceByKey = query("SELECT device_id FROM devices_by_key WHERE key_hash = ?", true);

  /** A device row with the hash of its key, which the record does not carry. */
  record StoredDevice(Device device, String keyHash) {
  }

  private final Vertx vertx;
  private final CqlSession session;

  RegistryStore(Vertx vertx, CqlSession session) {
    this.vertx = vertx;
    this.session = session;
  }

  private Query query(String cql, boolean idempotent) {
    return new Query(cql, idempotent);
  }

  /** Runs one statement. */
  Future<AsyncResultSet> execute(Query query, Object... values) {
    return bridge(query.bind(values).thenCompose(session::executeAsync));
  }

  /** Runs statements as one LOGGED batch: one fact written to two tables, all or nothing. */
  Future<AsyncResultSet> executeLogged(List<CompletionStage<BoundStatement>> statements) {
    CompletionStage<List<BoundStatement>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (CompletionStage<BoundStatement> statement : statements) {
      all = all.thenCombine(statement, (list, bound) -> {
        list.add(bound);
        return list;
      });
    }
    return bridge(all.thenCompose(list -> session.executeAsync(
        BatchStatement.newInstance(BatchType.LOGGED, list.toArray(new BatchableStatement<?>[0])).setIdempotent(true))));
  }

  /** The one row the statement selects, mapped. */
  <T> Future<Optional<T>> one(Function<Row, T> mapper, Query query, Object... values) {
    return execute(query, values).map(rs -> Optional.ofNullable(rs.one()).map(mapper));
  }

  /** Every row, following the pages (the driver fetches one page at a time). */
  <T> Future<List<T>> all(Function<Row, T> mapper, Query query, Object... values) {
    return bridge(query.bind(values)
        .thenCompose(bound -> session.executeAsync(bound.setPageSize(1000)))
        .thenCompose(rs -> collect(rs, mapper, new ArrayList<>())));
  }

  private static <T> CompletionStage<List<T>> collect(AsyncResultSet rs, Function<Row, T> mapper, List<T> out) {
    rs.currentPage().forEach(row -> out.add(mapper.apply(row)));
    return rs.hasMorePages()
        ? rs.fetchNextPage().thenCompose(next -> collect(next, mapper, out))
        : CompletableFuture.completedFuture(out);
  }

  private <T> Future<T> bridge(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(e -> Future.failedFuture(translate(e)));
  }

  /** A store that is down, slow or overloaded is a 503 the client may retry; a bad query stays a bug. */
  static Throwable translate(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof DriverException && !(cause instanceof QueryValidationException)) {
      return Rejection.unavailable("STORE_UNAVAILABLE", "the registry store did not answer; try again shortly");
    }
    return cause;
  }

  /** Succeeds when the enterprise exists; otherwise a 422 naming the field that referred to it. */
  Future<Void> requireEnterprise(String field, String id) {
    return one(RegistryStore::enterprise, selectEnterprise, id).compose(found -> found.isPresent()
        ? Future.succeededFuture()
        : Future.failedFuture(Rejection.unprocessable(Registry.UNKNOWN_ENTERPRISE,
            field + " '" + id + "' is not a registered enterprise")));
  }

  static Enterprise enterprise(Row row) {
    return new Enterprise(row.getString("id"), row.getString("name"));
  }

  static Checkpoint checkpoint(Row row) {
    return new Checkpoint(row.getString("id"), row.getString("enterprise_id"),
        CheckpointKind.valueOf(row.getString("kind")), row.getString("name"), row.getInt("capacity"));
  }

  static Worker worker(Row row) {
    return new Worker(row.getString("id"), row.getString("enterprise_id"), row.getString("full_name"),
        row.getString("phone"), row.getString("team"));
  }

  static StoredDevice device(Row row) {
    Device device = new Device(row.getString("id"), row.getString("enterprise_id"),
        row.getSet("checkpoint_ids", String.class), row.getBoolean("revoked"));
    return new StoredDevice(device, row.getString("key_hash"));
  }
}
