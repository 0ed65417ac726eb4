package vn.tracegate.checkin.visits;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.LocalDate;

/**
 * Appends accepted scans to the visit log in Cassandra, the source of truth: one row in
 * {@code visits_by_worker} and one in {@code visits_by_checkpoint}, both keyed by scan id and
 * idempotent, so a retried scan rewrites the same rows. The future completes only when both
 * rows are written at the configured consistency; only then may a scan be acknowledged.
 */
public final class VisitLog {

  private static final String COLUMNS =
      "at, scan_id, kind, action, received_at, device_id, content_hash";

  private final Vertx vertx;
  private final CqlSession session;
  private final PreparedStatement byWorker;
  private final PreparedStatement byCheckpoint;

  public VisitLog(Vertx vertx, CqlSession session) {
    this.vertx = vertx;
    this.session = session;
    this.byWorker = session.prepare("INSERT INTO visits_by_worker (worker_id, day, checkpoint_id, " + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    this.byCheckpoint = session.prepare("INSERT INTO visits_by_checkpoint (checkpoint_id, day, worker_id, "
        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  public Future<Void> append(Visit v) {
    LocalDate day = DayBucket.of(v.at());
    Future<?> a = write(bind(byWorker, v.workerId(), day, v.checkpointId(), v));
    Future<?> b = write(bind(byCheckpoint, v.checkpointId(), day, v.workerId(), v));
    return Future.all(a, b).mapEmpty();
  }

  private Future<?> write(BoundStatement statement) {
    return Future.fromCompletionStage(session.executeAsync(statement), vertx.getOrCreateContext());
  }

  private static BoundStatement bind(PreparedStatement ps, String key, LocalDate day, String other, Visit v) {
    return ps.bind(key, day, other, v.at(), v.scanId(), v.kind().name(), v.action().name(), v.receivedAt(),
            v.deviceId(), v.contentHash())
        .setIdempotent(true);
  }
}
