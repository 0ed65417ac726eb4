package vn.tracegate.checkin.visits;

import io.lettuce.core.XAddArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.store.RedisLink;

/**
 * Tells every gateway instance about each scan written to the visit log, through a Redis stream,
 * so that each keeps the recent log in memory for tracing ({@code tracing.index}). A scan is
 * published after its rows are written and before it is acknowledged; a retried scan is
 * published again (readers keep it once).
 *
 * <p>Cassandra stays the source of truth: a publish that fails does not refuse the scan. It waits
 * in a bounded queue and is sent again every second. If that queue overflows, scans are missing
 * from the stream, so once Redis answers again this instance replaces the stream's epoch
 * ({@link #EPOCH}): every reader then reloads the log from Cassandra instead of trusting the
 * stream.
 */
public final class VisitFeed {

  /** The stream: one entry per scan, fields s, w, c, k, a, t (scanId, worker, checkpoint, kind, action, at ms). */
  public static final String STREAM = "tracegate:visit-feed";
  /** Changes whenever the stream may have lost entries (or Redis lost its data: the key is gone). */
  public static final String EPOCH = "tracegate:visit-feed:epoch";

  private static final Logger LOG = LoggerFactory.getLogger(VisitFeed.class);

  private final Vertx vertx;
  private final RedisLink redis;
  private final long maxLength;
  private final int maxWaiting;
  private final ArrayDeque<Visit> waiting = new ArrayDeque<>();
  private final LongAdder published = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private boolean lost;
  private boolean draining;
  private long timer = -1;

  /**
   * @param maxLength entries the stream keeps (about: trimmed approximately); a reader further
   *     behind than that reloads from Cassandra
   * @param maxWaiting publishes that failed and wait to be sent again
   */
  public VisitFeed(Vertx vertx, RedisLink redis, long maxLength, int maxWaiting) {
    this.vertx = vertx;
    this.redis = redis;
    this.maxLength = maxLength;
    this.maxWaiting = maxWaiting;
  }

  /** Starts resending failed publishes every second. */
  public VisitFeed start() {
    timer = vertx.setPeriodic(1000, id -> drain());
    return this;
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Publishes one written scan; never fails (a failed publish is queued and sent again). */
  public Future<Void> publish(Visit v) {
    Promise<Void> done = Promise.promise();
    send(v).onComplete(r -> {
      if (r.failed()) {
        failed.increment();
        keep(v);
      }
      done.complete();
    });
    return done.future();
  }

  /**
   * True when a scan may be published inside another script's round trip (the presence update)
   * instead of by {@link #publish}: nothing is waiting to be resent, so order is kept.
   */
  public synchronized boolean inlineReady() {
    return waiting.isEmpty() && !lost;
  }

  /** The stream's approximate maximum length. */
  public long maxLength() {
    return maxLength;
  }

  /** An inline publish went through. */
  public void publishedInline() {
    published.increment();
  }

  /** An inline publish failed (or may have): the scan waits to be sent again, like a failed {@link #publish}. */
  public void inlineFailed(Visit v) {
    failed.increment();
    keep(v);
  }

  private Future<Void> send(Visit v) {
    try {
      return Future.fromCompletionStage(redis.commands().xadd(STREAM,
              XAddArgs.Builder.maxlen(maxLength).approximateTrimming(), fields(v)), vertx.getOrCreateContext())
          .map(id -> {
            published.increment();
            return null;
          });
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private synchronized void keep(Visit v) {
    if (waiting.size() >= maxWaiting) {
      waiting.pollFirst();
      dropped.increment();
      if (!lost) {
        LOG.warn("visit feed: more than {} publishes waiting; readers will reload from the visit log", maxWaiting);
      }
      lost = true;
    }
    waiting.addLast(v);
  }

  /** Sends the waiting publishes in order; stops at the first failure and tries again next second. */
  private void drain() {
    Visit next;
    synchronized (this) {
      if (draining || (waiting.isEmpty() && !lost) || !redis.isUp()) {
        return;
      }
      draining = true;
      next = waiting.peekFirst();
    }
    Future<Void> step = next == null ? Future.succeededFuture() : send(next);
    step.compose(v -> {
      synchronized (this) {
        if (next != null && waiting.peekFirst() == next) {
          waiting.pollFirst();
        }
        if (!waiting.isEmpty() || !lost) {
          return Future.succeededFuture(false);
        }
      }
      // Everything left is sent, but some was dropped: make every reader reload.
      return Future.fromCompletionStage(redis.commands().set(EPOCH, UUID.randomUUID().toString()),
          vertx.getOrCreateContext()).map(ok -> true);
    }).onComplete(r -> {
      boolean again;
      synchronized (this) {
        draining = false;
        if (r.succeeded() && Boolean.TRUE.equals(r.result())) {
          lost = false;
          LOG.info("visit feed: epoch replaced after dropped publishes; readers reload from the visit log");
        }
        again = r.succeeded() && !waiting.isEmpty();
      }
      if (again) {
        drain();
      }
    });
  }

  static Map<String, String> fields(Visit v) {
    return Map.of("s", v.scanId().toString(), "w", v.workerId(), "c", v.checkpointId(), "k", v.kind().name(),
        "a", v.action().name(), "t", Long.toString(v.at().toEpochMilli()));
  }

  /** A stream entry back as a visit (no device, empty content hash, receivedAt = at). */
  public static Visit parse(Map<String, String> fields) {
    Instant at = Instant.ofEpochMilli(Long.parseLong(fields.get("t")));
    return new Visit(UUID.fromString(fields.get("s")), fields.get("w"), fields.get("c"),
        CheckpointKind.valueOf(fields.get("k")), ScanAction.valueOf(fields.get("a")), at, at, null, "");
  }

  public long published() {
    return published.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public long dropped() {
    return dropped.sum();
  }

  public synchronized int waiting() {
    return waiting.size();
  }
}
