package vn.tracegate.checkin.audit;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;

/**
 * The audit log: every look at personal data and every registry or key change, appended to a
 * tamper-evident hash chain in Cassandra that all gateway nodes share (see {@link AuditAppender}),
 * kept {@code retention} (TTL), checked by {@link #verify}, and shown to each worker as the looks
 * at their data ({@link #accessTo}).
 *
 * <p>Routes call {@link #append} before they answer and answer only when it succeeds; it fails
 * with 503 AUDIT_UNAVAILABLE when the entry cannot be written, so nothing goes unaudited.
 */
public final class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  /** Most entries /me/access returns. */
  public static final int MAX_ACCESS = 500;

  private final Vertx vertx;
  private final AuditStore store;
  private final AuditAppender appender;
  private final Duration retention;
  private final Clock clock;

  /** Prepares statements: call off the event loop (start-up). */
  public AuditLog(Vertx vertx, CqlSession session, Duration retention, Clock clock) {
    this.vertx = vertx;
    this.store = new AuditStore(session, retention);
    this.retention = retention;
    this.clock = clock;
    this.appender = new AuditAppender(store, clock, millis -> {
      CompletableFuture<Void> timer = new CompletableFuture<>();
      vertx.setTimer(Math.max(1, millis), id -> timer.complete(null));
      return timer;
    });
  }

  /** How long entries are kept. */
  public Duration retention() {
    return retention;
  }

  /** Appends the event; completes once it is in the chain and indexed for the workers it names. */
  public Future<AuditEntry> append(AuditEvent event) {
    return Future.fromCompletionStage(appender.append(event), vertx.getOrCreateContext())
        .recover(err -> {
          LOG.warn("audit entry for {} {}:{} not written: {}", event.action(), event.objectType(), event.objectId(),
              err.toString());
          return Future.failedFuture(Rejection.unavailable("AUDIT_UNAVAILABLE",
              "the audit log cannot be written right now, so nothing was done or shown; retry shortly"));
        });
  }

  /**
   * Checks entries {@code from..to} (1 and {@link Long#MAX_VALUE} for the whole retained chain):
   * hashes, links, no gaps but expired ones, nothing missing up to the head record.
   */
  public Future<AuditCheck> verify(long from, long to) {
    if (from < 1 || to < from) {
      return Future.failedFuture(Rejection.invalid("INVALID_RANGE", "need 1 <= from <= to"));
    }
    CompletionStage<Optional<AuditTail>> before = from == 1
        ? CompletableFuture.completedFuture(Optional.of(AuditTail.GENESIS))
        : store.entry(from - 1).thenApply(e -> e.map(AuditTail::of));
    CompletionStage<AuditCheck> check = store.head().thenCompose(head -> before.thenCompose(prev -> {
      ChainWalk walk = new ChainWalk(from, to, prev.orElse(null), clock.instant(), retention);
      long end = Math.min(to, head.map(AuditTail::seq).orElse(0L));
      return walk(AuditStore.bucket(from), from, to, end, walk).thenApply(x -> walk.finish(head.orElse(null)));
    }));
    return Future.fromCompletionStage(check, vertx.getOrCreateContext())
        .recover(err -> Future.failedFuture(err instanceof Rejection ? err
            : Rejection.unavailable("STORE_UNAVAILABLE", "the audit log could not be read; retry shortly")));
  }

  /** Bucket by bucket up to the head record's, and on while buckets come back full (the head may lag). */
  private CompletionStage<Void> walk(long bucket, long from, long to, long end, ChainWalk walk) {
    long lo = Math.max(from, bucket * AuditStore.BUCKET);
    long hi = Math.min(to, (bucket + 1) * AuditStore.BUCKET - 1);
    if (lo > hi) {
      return CompletableFuture.completedFuture(null);
    }
    return store.scan(bucket, lo, hi, walk).thenCompose(goOn -> {
      boolean more = goOn && (bucket < AuditStore.bucket(end) || (walk.lastSeq() == hi && hi < to));
      return more ? walk(bucket + 1, from, to, end, walk) : CompletableFuture.completedFuture(null);
    });
  }

  /** The newest looks at a worker's data, at most {@code limit} (1..{@link #MAX_ACCESS}). */
  public Future<List<WorkerAccess>> accessTo(String workerId, int limit) {
    int n = Math.max(1, Math.min(MAX_ACCESS, limit));
    return Future.fromCompletionStage(store.accessOf(workerId, n), vertx.getOrCreateContext())
        .recover(err -> Future.failedFuture(Rejection.unavailable("STORE_UNAVAILABLE",
            "the audit log could not be read; retry shortly")));
  }
}
