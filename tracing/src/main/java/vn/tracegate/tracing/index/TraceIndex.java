package vn.tracegate.tracing.index;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitFeed;
import vn.tracegate.tracing.graph.VisitSource;

/**
 * Keeps a {@link VisitIndex} of the last {@code days} UTC days in step with the visit log, so
 * traces read memory instead of Cassandra: loaded from Cassandra at start (every checkpoint's
 * day partitions), then kept current by following {@link VisitFeed#STREAM}, which every instance
 * publishes each written scan to before acknowledging it.
 *
 * <p>A trace asks {@link #forTrace()} for its source. The index answers only when it is certainly
 * complete: it is loaded, the stream's epoch is the one it loaded under (Redis did not lose the
 * stream, no publisher dropped entries), and it has applied the stream up to the entry that was
 * last when the trace started (so every scan acknowledged before the trace is in it). Otherwise,
 * and for any range before the index's first day, the trace reads Cassandra as before: slower,
 * never wrong. On an epoch change or a gap in the stream it reloads from Cassandra in the
 * background.
 */
public final class TraceIndex implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TraceIndex.class);
  /** How long a trace waits for the follower to reach the stream's end before reading Cassandra. */
  private static final Duration CATCH_UP = Duration.ofSeconds(2);
  private static final int READ_COUNT = 5_000;
  /**
   * After a read that did not fill {@link #READ_COUNT}, the follower waits this long before the
   * next (at once if a trace is waiting for it). Without the pause it reads again as soon as it
   * has applied a read, so under load every read brings a few entries and costs a round of thread
   * hand-offs in the gateway and a blocked read in Redis: at 1,500 scans/s that was a tenth of a
   * core for work a few reads a second do.
   */
  public static final long FOLLOW_PAUSE_MS = 50;

  private final Vertx vertx;
  private final RedisLink redis;
  private final VisitSource log;
  private final Supplier<Future<List<String>>> checkpointIds;
  private final int days;
  private final long maxScans;
  private final Clock clock;
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong indexedTraces = new AtomicLong();
  private final AtomicLong fallbackTraces = new AtomicLong();
  private final AtomicLong feedReads = new AtomicLong();

  private RedisClient followerClient;
  private StatefulRedisConnection<String, String> follower;
  private volatile VisitIndex index;
  private volatile String epoch;
  private volatile StreamId applied = StreamId.ZERO;
  private volatile boolean synced;
  private volatile boolean closed;
  private boolean loading;
  private final List<Waiter> waiters = new ArrayList<>();
  /** The index whose next read waits out {@link #FOLLOW_PAUSE_MS} (guarded by this), and its timer. */
  private VisitIndex paused;
  private long pauseTimer = -1;

  private record Waiter(StreamId target, Promise<Boolean> done) {}

  /**
   * @param log the visit log, to load from and to answer what the index cannot
   * @param checkpointIds every registered checkpoint (their day partitions are loaded)
   * @param days UTC days held, today included
   * @param maxScans scans held at most: beyond it the oldest days are let go (read from Cassandra)
   */
  public TraceIndex(Vertx vertx, RedisLink redis, VisitSource log, Supplier<Future<List<String>>> checkpointIds,
      int days, long maxScans, Clock clock) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1");
    }
    this.vertx = vertx;
    this.redis = redis;
    this.log = log;
    this.checkpointIds = checkpointIds;
    this.days = days;
    this.maxScans = maxScans;
    this.clock = clock;
  }

  /** Starts loading and following in the background; traces read Cassandra until it is ready. */
  public TraceIndex start() {
    followerClient = redis.dedicatedClient(Duration.ofSeconds(10));
    reload();
    return this;
  }

  /** True when traces are answered from memory. */
  public boolean ready() {
    return index != null && synced;
  }

  public long size() {
    VisitIndex i = index;
    return i == null ? 0 : i.size();
  }

  public long reloads() {
    return reloads.get();
  }

  public long indexedTraces() {
    return indexedTraces.get();
  }

  public long fallbackTraces() {
    return fallbackTraces.get();
  }

  /** Reads of the visit feed so far (each brings up to {@link #READ_COUNT} entries, or none after a blocked second). */
  public long feedReads() {
    return feedReads.get();
  }

  /** The source for one trace starting now: the index when it is certainly complete, else the log. */
  public Future<VisitSource> forTrace() {
    VisitIndex current = index;
    if (current == null || !synced || closed) {
      fallbackTraces.incrementAndGet();
      return Future.succeededFuture(log);
    }
    return streamEnd().compose(end -> {
      if (!end.epoch().equals(epoch)) {
        LOG.warn("visit feed epoch changed; reloading the trace index from the visit log");
        synced = false;
        reload();
        return Future.succeededFuture(false);
      }
      return caughtUpTo(end.last());
    }).otherwise(false).map(ok -> {
      if (ok && index == current && synced) {
        indexedTraces.incrementAndGet();
        return (VisitSource) new IndexedVisitSource(vertx, current, log);
      }
      fallbackTraces.incrementAndGet();
      return log;
    });
  }

  private record End(String epoch, StreamId last) {}

  /** The stream's epoch and last entry, in one pipelined round trip on the shared connection. */
  private Future<End> streamEnd() {
    try {
      var commands = redis.commands();
      var epochGet = commands.get(VisitFeed.EPOCH).toCompletableFuture();
      var last = commands.xrevrange(VisitFeed.STREAM, Range.create("-", "+"),
          Limit.from(1)).toCompletableFuture();
      return Future.fromCompletionStage(epochGet.thenCombine(last, (e, msgs) ->
          new End(e == null ? "" : e, msgs.isEmpty() ? StreamId.ZERO : StreamId.parse(msgs.get(0).getId()))),
          vertx.getOrCreateContext());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private synchronized Future<Boolean> caughtUpTo(StreamId target) {
    if (applied.compareTo(target) >= 0) {
      return Future.succeededFuture(true);
    }
    Promise<Boolean> done = Promise.promise();
    Waiter w = new Waiter(target, done);
    waiters.add(w);
    if (paused != null) {
      vertx.runOnContext(v -> unpause());
    }
    vertx.setTimer(CATCH_UP.toMillis(), id -> {
      synchronized (this) {
        waiters.remove(w);
      }
      done.tryComplete(false);
    });
    return done.future();
  }

  private void advanced(StreamId to) {
    List<Waiter> ready = new ArrayList<>();
    synchronized (this) {
      applied = to;
      waiters.removeIf(w -> {
        if (to.compareTo(w.target()) >= 0) {
          ready.add(w);
          return true;
        }
        return false;
      });
    }
    ready.forEach(w -> w.done().tryComplete(true));
  }

  /** Loads the index from the visit log, then follows the stream from its end before the load. */
  private void reload() {
    synchronized (this) {
      if (loading || closed) {
        return;
      }
      loading = true;
    }
    synced = false;
    index = null;
    reloads.incrementAndGet();
    long t0 = System.nanoTime();
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    VisitIndex fresh = new VisitIndex(today.minusDays(days - 1L));
    claimEpoch()
        .compose(e -> streamEnd())
        .compose(end -> checkpointIds.get().compose(ids -> loadDays(fresh, ids, today.minusDays(days - 1L), today))
            .map(v -> end))
        .onComplete(r -> {
          synchronized (this) {
            loading = false;
          }
          if (closed) {
            return;
          }
          if (r.failed()) {
            LOG.warn("trace index: loading failed ({}); traces read the visit log; retrying in 5 s",
                r.cause().toString());
            vertx.setTimer(5_000, id -> reload());
            return;
          }
          epoch = r.result().epoch();
          index = fresh;
          advanced(r.result().last());
          LOG.info("trace index: {} scans of {} days loaded in {} ms; following the visit feed", fresh.size(), days,
              (System.nanoTime() - t0) / 1_000_000);
          follow(fresh);
        });
  }

  private Future<Void> claimEpoch() {
    try {
      return Future.fromCompletionStage(redis.commands().setnx(VisitFeed.EPOCH, UUID.randomUUID().toString()),
          vertx.getOrCreateContext()).mapEmpty();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Day by day, newest first; each day's checkpoint partitions all at once (the log bounds queries
   * in flight). A day that takes the index past {@code maxScans} is let go, with every older one.
   */
  private Future<Void> loadDays(VisitIndex into, List<String> checkpoints, LocalDate first, LocalDate day) {
    if (day.isBefore(first) || closed) {
      return closed ? Future.failedFuture("closed") : Future.succeededFuture();
    }
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return log.visitsAtCheckpoints(checkpoints, from, from.plus(Duration.ofDays(1)))
        // A busy day is hundreds of thousands of scans: seconds of work, never on an event loop.
        .compose(byCheckpoint -> vertx.executeBlocking(() -> {
          byCheckpoint.values().forEach(into::add);
          return null;
        }, true))
        .compose(added -> {
          if (into.size() > maxScans && day.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            into.retainFrom(day.plusDays(1));
            LOG.warn("trace index: more than {} scans; holding only the days from {} (older ranges read Cassandra)",
                maxScans, day.plusDays(1));
            return Future.succeededFuture();
          }
          return loadDays(into, checkpoints, first, day.minusDays(1));
        });
  }

  /** Lets the oldest days go while the index holds more than {@code maxScans} (never today). */
  private void trim(VisitIndex target) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    while (target.size() > maxScans && target.firstDay().isBefore(today)) {
      target.retainFrom(target.firstDay().plusDays(1));
      LOG.warn("trace index: more than {} scans; now holding the days from {}", maxScans, target.firstDay());
    }
  }

  /** Reads the stream from where the index is, applies what it reads, and goes on until closed. */
  private void follow(VisitIndex target) {
    connection().compose(conn -> Future.fromCompletionStage(conn.async().xread(
            XReadArgs.Builder.count(READ_COUNT).block(1_000),
            XReadArgs.StreamOffset.from(VisitFeed.STREAM, applied.toString())), vertx.getOrCreateContext()))
        .onComplete(r -> {
          feedReads.incrementAndGet();
          if (closed || index != target) {
            return;
          }
          if (r.failed()) {
            if (synced) {
              LOG.warn("trace index: following the visit feed failed ({}); traces read the visit log until it"
                  + " resumes", r.cause().toString());
            }
            synced = false;
            vertx.setTimer(1_000, id -> resume(target));
            return;
          }
          List<StreamMessage<String, String>> messages = r.result();
          if (messages.isEmpty()) {
            synced = true;
            follow(target);
            return;
          }
          // Up to READ_COUNT entries a read (milliseconds of work): applied on a worker thread, in order.
          vertx.executeBlocking(() -> apply(target, messages), true).onComplete(a -> {
            if (closed || index != target) {
              return;
            }
            if (a.failed()) {
              LOG.warn("trace index: applying the visit feed failed ({}); reloading", a.cause().toString());
              reload();
              return;
            }
            synced = true;
            advanced(a.result());
            if (messages.size() < READ_COUNT) {
              pause(target);
            } else {
              follow(target);
            }
          });
        });
  }

  /** The next read after {@link #FOLLOW_PAUSE_MS}, or at once if a trace waits for the follower. */
  private void pause(VisitIndex target) {
    synchronized (this) {
      if (waiters.isEmpty()) {
        paused = target;
        pauseTimer = vertx.setTimer(FOLLOW_PAUSE_MS, id -> unpause());
        return;
      }
    }
    follow(target);
  }

  /** Ends a pause now (the timer's end, or a trace waiting); nothing if none is under way. */
  private void unpause() {
    VisitIndex target;
    synchronized (this) {
      target = paused;
      paused = null;
      if (target == null) {
        return;
      }
      vertx.cancelTimer(pauseTimer);
    }
    if (!closed && index == target) {
      follow(target);
    }
  }

  /** Adds the entries to the index; returns the id of the last. */
  private StreamId apply(VisitIndex target, List<StreamMessage<String, String>> messages) {
    List<Visit> visits = new ArrayList<>(messages.size());
    StreamId last = applied;
    for (StreamMessage<String, String> m : messages) {
      try {
        visits.add(VisitFeed.parse(m.getBody()));
      } catch (RuntimeException e) {
        LOG.warn("trace index: skipping a malformed feed entry {}", m.getId());
      }
      last = StreamId.parse(m.getId());
    }
    target.add(visits);
    target.retainFrom(LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L));
    trim(target);
    return last;
  }

  /**
   * After a failed read: resumes if the stream still holds the entry it stopped at under the same
   * epoch (nothing was missed); else reloads.
   */
  private void resume(VisitIndex target) {
    if (closed || index != target) {
      return;
    }
    streamEnd().compose(end -> {
      if (!end.epoch().equals(epoch)) {
        return Future.succeededFuture(false);
      }
      return Future.fromCompletionStage(redis.commands().xrange(VisitFeed.STREAM, Range.create("-", "+"),
          Limit.from(1)), vertx.getOrCreateContext())
          .map(first -> first.isEmpty() || StreamId.parse(first.get(0).getId()).compareTo(applied) <= 0);
    }).onComplete(r -> {
      if (r.failed()) {
        vertx.setTimer(1_000, id -> resume(target));
      } else if (r.result()) {
        follow(target);
      } else {
        LOG.warn("trace index: the visit feed lost entries while we were away; reloading from the visit log");
        reload();
      }
    });
  }

  private Future<StatefulRedisConnection<String, String>> connection() {
    StatefulRedisConnection<String, String> c = follower;
    if (c != null && c.isOpen()) {
      return Future.succeededFuture(c);
    }
    return Future.fromCompletionStage(followerClient.connectAsync(StringCodec.UTF8, redis.uri()),
        vertx.getOrCreateContext()).map(conn -> {
          follower = conn;
          return conn;
        });
  }


  @Override
  public void close() {
    closed = true;
    StatefulRedisConnection<String, String> c = follower;
    if (c != null) {
      c.closeAsync();
    }
    if (followerClient != null) {
      followerClient.shutdownAsync();
    }
  }

  /** A Redis stream entry id, {@code millis-sequence}, ordered. */
  record StreamId(long millis, long sequence) implements Comparable<StreamId> {
    static final StreamId ZERO = new StreamId(0, 0);

    static StreamId parse(String id) {
      int dash = id.indexOf('-');
      return dash < 0 ? new StreamId(Long.parseLong(id), 0)
          : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
    }

    @Override
    public int compareTo(StreamId o) {
      int c = Long.compare(millis, o.millis);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
      return millis + "-" + sequence;
    }
  }
}
