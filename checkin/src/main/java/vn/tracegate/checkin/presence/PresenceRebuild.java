package vn.tracegate.checkin.presence;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.registry.Checkpoint;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitHistory;

/**
 * Rebuilds live presence from the visit log when Redis comes back empty (restarted, flushed or
 * replaced). A marker key written after each rebuild tells an intact Redis from a lost one; a
 * short lock lets one gateway node rebuild while the others wait. Replaying old scans is safe
 * even while new scans arrive: the presence script never moves a worker back in time.
 */
public final class PresenceRebuild {

  private static final Logger LOG = LoggerFactory.getLogger(PresenceRebuild.class);
  static final String MARKER = "tg:pres:built";
  static final String LOCK = "tg:pres:rebuilding";
  private static final int CHECKPOINTS_IN_FLIGHT = 8;
  private static final int SCANS_IN_FLIGHT = 512;

  private final Vertx vertx;
  private final RedisLink redis;
  private final PresenceCache presence;
  private final VisitHistory history;
  private final Supplier<Future<List<Checkpoint>>> checkpoints;
  private final Clock clock;
  private volatile boolean running;  // callbacks all run on the context that started the rebuild
  private long timer = -1;

  public PresenceRebuild(Vertx vertx, RedisLink redis, PresenceCache presence, VisitHistory history,
      Supplier<Future<List<Checkpoint>>> checkpoints, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.presence = presence;
    this.history = history;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  /** Checks every {@code periodMs} whether Redis lost presence, and rebuilds it if so. */
  public void watch(long periodMs) {
    timer = vertx.setPeriodic(1, periodMs, id -> checkOnce());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /** Rebuilds when the marker is missing and no other node holds the lock; completes with scans replayed. */
  public Future<Integer> checkOnce() {
    if (running || !redis.isUp()) {
      return Future.succeededFuture(0);
    }
    try {
      var commands = redis.commands();
      return fut(commands.exists(MARKER)).compose(present -> present > 0 ? Future.succeededFuture(0)
          : fut(commands.set(LOCK, "1", SetArgs.Builder.nx().ex(300))).compose(ok ->
              "OK".equals(ok) ? rebuild() : Future.succeededFuture(0)))
          .recover(err -> Future.succeededFuture(0));
    } catch (RuntimeException redisDown) {
      return Future.succeededFuture(0);
    }
  }

  private Future<Integer> rebuild() {
    running = true;
    presence.rebuilding(true);
    Instant now = clock.instant();
    long start = System.nanoTime();
    return checkpoints.get()
        .compose(all -> readAll(all, now))
        .compose(visits -> replay(visits, now).map(visits.size()))
        .compose(n -> fut(redis.commands().set(MARKER, now.toString())).compose(x -> fut(redis.commands().del(LOCK)))
            .map(n))
        .onSuccess(n -> LOG.info("presence rebuilt from the visit log: {} scans replayed in {} ms", n,
            (System.nanoTime() - start) / 1_000_000))
        .onFailure(err -> LOG.warn("presence rebuild failed, will retry: {}", err.toString()))
        .onComplete(done -> {
          running = false;
          presence.rebuilding(false);
        });
  }

  /** The scans that can still make someone present: per checkpoint, the last max-presence window. */
  private Future<List<Visit>> readAll(List<Checkpoint> all, Instant now) {
    List<Visit> out = new ArrayList<>();
    return inBatches(all, CHECKPOINTS_IN_FLIGHT, cp ->
            history.visitsAtCheckpoint(cp.id(), now.minus(presence.maxPresence(cp.kind())), now.plusSeconds(1))
                .onSuccess(out::addAll))
        .map(x -> {
          out.sort(Comparator.comparing(Visit::at));
          return out;
        });
  }

  private Future<Void> replay(List<Visit> visits, Instant now) {
    return inBatches(visits, SCANS_IN_FLIGHT,
        v -> presence.apply(v.workerId(), v.checkpointId(), v.kind(), v.action(), v.at(), now));
  }

  /** Runs {@code step} over {@code items}, {@code width} at a time, in order of the list. */
  private static <T> Future<Void> inBatches(List<T> items, int width, java.util.function.Function<T, Future<?>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < items.size(); i += width) {
      List<T> batch = items.subList(i, Math.min(items.size(), i + width));
      chain = chain.compose(x -> Future.all(batch.stream().map(step).toList()).mapEmpty());
    }
    return chain;
  }

  private <T> Future<T> fut(java.util.concurrent.CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }
}
