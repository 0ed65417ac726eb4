package vn.tracegate.checkin.audit;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import vn.tracegate.checkin.access.Role;

/**
 * The audit tables in Cassandra (deploy/cql/V004__audit.cql), statements prepared once. Claiming
 * and reading the tail run at SERIAL consistency, so every node sees the same chain even while a
 * claim by another node is in flight. Answers are plain {@link CompletionStage}s: the appender
 * runs on driver threads, not on an event loop.
 */
final class AuditStore {

  /** Entries per partition of audit_log: bounded partitions whatever the rate of appends. */
  static final long BUCKET = 1024;
  private static final int PAGE = 256;

  private static final String COLUMNS = "bucket, seq, at, prev_at, actor, role, actor_enterprise, action,"
      + " object_type, object_id, worker_ids, reason, prev_hash, hash";
  private static final String ACCESS_COLUMNS = "worker_id, at, seq, actor, role, actor_enterprise, action,"
      + " object_type, object_id, reason";

  private final CqlSession session;
  private final int ttlSeconds;
  private final PreparedStatement claim;
  private final PreparedStatement last;
  private final PreparedStatement one;
  private final PreparedStatement range;
  private final PreparedStatement head;
  private final PreparedStatement moveHead;
  private final PreparedStatement access;
  private final PreparedStatement accessOf;

  AuditStore(CqlSession session, Duration retention) {
    this.session = session;
    this.ttlSeconds = Math.toIntExact(retention.toSeconds());
    this.claim = session.prepare("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + " IF NOT EXISTS USING TTL " + ttlSeconds);
    this.last = session.prepare("SELECT " + COLUMNS + " FROM audit_log WHERE bucket = ? ORDER BY seq DESC LIMIT 1");
    this.one = session.prepare("SELECT " + COLUMNS + " FROM audit_log WHERE bucket = ? AND seq = ?");
    this.range = session.prepare("SELECT " + COLUMNS + " FROM audit_log WHERE bucket = ? AND seq >= ? AND seq <= ?");
    this.head = session.prepare("SELECT seq, hash, at FROM audit_head WHERE chain = 'main'");
    this.moveHead = session.prepare("UPDATE audit_head USING TIMESTAMP ? SET seq = ?, hash = ?, at = ?"
        + " WHERE chain = 'main'");
    this.access = session.prepare("INSERT INTO audit_by_worker (" + ACCESS_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
        + " ?, ?) USING TTL " + ttlSeconds);
    this.accessOf = session.prepare("SELECT " + ACCESS_COLUMNS + " FROM audit_by_worker WHERE worker_id = ? LIMIT ?");
  }

  static long bucket(long seq) {
    return seq / BUCKET;
  }

  /**
   * Writes entries that all fall in one bucket, each only if its sequence number is free, all or
   * nothing (one conditional batch; one statement for a single entry). True when written.
   */
  CompletionStage<Boolean> claim(List<AuditEntry> entries) {
    List<BoundStatement> inserts = entries.stream().map(this::bindClaim).toList();
    Statement<?> statement = inserts.size() == 1
        ? inserts.get(0).setSerialConsistencyLevel(ConsistencyLevel.SERIAL)
        : BatchStatement.newInstance(BatchType.LOGGED).addAll(inserts).setSerialConsistencyLevel(ConsistencyLevel.SERIAL);
    return session.executeAsync(statement).thenApply(AsyncResultSet::wasApplied);
  }

  private BoundStatement bindClaim(AuditEntry e) {
    AuditEvent v = e.event();
    return claim.bind(bucket(e.seq()), e.seq(), e.at(), e.prevAt(), v.actor(), v.role().name(), v.actorEnterprise(),
        v.action().name(), v.objectType(), v.objectId(), v.workerIds(), v.reason(), e.prevHash(), e.hash());
  }

  /** The newest entry of a bucket, read at SERIAL (sees claims in flight), if any. */
  CompletionStage<Optional<AuditEntry>> last(long bucket) {
    return session.executeAsync(last.bind(bucket).setConsistencyLevel(ConsistencyLevel.SERIAL))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(AuditStore::entry));
  }

  /** Entry {@code seq}, read at SERIAL, if stored. */
  CompletionStage<Optional<AuditEntry>> entry(long seq) {
    return session.executeAsync(one.bind(bucket(seq), seq).setConsistencyLevel(ConsistencyLevel.SERIAL))
        .thenApply(rs -> Optional.ofNullable(rs.one()).map(AuditStore::entry));
  }

  /**
   * Entries {@code from..to} of one bucket in sequence order, fed to {@code walk} until it finds
   * a problem; completes with whether to go on. A row that no longer parses (a field set to
   * nonsense) is reported as a changed entry.
   */
  CompletionStage<Boolean> scan(long bucket, long from, long to, ChainWalk walk) {
    return session.executeAsync(range.bind(bucket, from, to).setPageSize(PAGE))
        .thenCompose(rs -> feed(rs, walk));
  }

  private static CompletionStage<Boolean> feed(AsyncResultSet rs, ChainWalk walk) {
    for (Row row : rs.currentPage()) {
      AuditEntry e;
      try {
        e = entry(row);
      } catch (RuntimeException unreadable) {
        walk.unreadable(row.getLong("seq"));
        return CompletableFuture.completedFuture(false);
      }
      if (!walk.accept(e)) {
        return CompletableFuture.completedFuture(false);
      }
    }
    return rs.hasMorePages() ? rs.fetchNextPage().thenCompose(next -> feed(next, walk))
        : CompletableFuture.completedFuture(true);
  }

  /** The head record, if any entry was ever appended. */
  CompletionStage<Optional<AuditTail>> head() {
    return session.executeAsync(head.bind())
        .thenApply(rs -> Optional.ofNullable(rs.one())
            .filter(row -> !row.isNull("seq"))
            .map(row -> new AuditTail(row.getLong("seq"), row.getString("hash"), row.getInstant("at"))));
  }

  /** Moves the head record forward; a smaller seq written later loses (write timestamp = seq). */
  CompletionStage<Void> moveHead(AuditTail tail) {
    return session.executeAsync(moveHead.bind(tail.seq(), tail.seq(), tail.hash(), tail.at()).setIdempotent(true))
        .thenApply(rs -> null);
  }

  /** Copies the entry into audit_by_worker for one worker it names. */
  CompletionStage<Void> indexAccess(String workerId, AuditEntry e) {
    AuditEvent v = e.event();
    return session.executeAsync(access.bind(workerId, e.at(), e.seq(), v.actor(), v.role().name(),
            v.actorEnterprise(), v.action().name(), v.objectType(), v.objectId(), v.reason()).setIdempotent(true))
        .thenApply(rs -> null);
  }

  /** The newest {@code limit} looks at a worker's data. */
  CompletionStage<List<WorkerAccess>> accessOf(String workerId, int limit) {
    return session.executeAsync(accessOf.bind(workerId, limit)).thenApply(rs -> {
      List<WorkerAccess> out = new ArrayList<>();
      rs.currentPage().forEach(row -> out.add(new WorkerAccess(row.getInstant("at"), row.getLong("seq"),
          Role.valueOf(row.getString("role")), row.getString("actor"), row.getString("actor_enterprise"),
          AuditAction.valueOf(row.getString("action")), row.getString("object_type"), row.getString("object_id"),
          row.getString("reason"))));
      return out;
    });
  }

  static AuditEntry entry(Row row) {
    AuditEvent event = new AuditEvent(row.getString("actor"), Role.valueOf(row.getString("role")),
        row.getString("actor_enterprise"), AuditAction.valueOf(row.getString("action")),
        row.getString("object_type"), row.getString("object_id"), row.getList("worker_ids", String.class),
        row.getString("reason"));
    return new AuditEntry(row.getLong("seq"), row.getInstant("at"), row.getInstant("prev_at"), event,
        row.getString("prev_hash"), row.getString("hash"));
  }
}
