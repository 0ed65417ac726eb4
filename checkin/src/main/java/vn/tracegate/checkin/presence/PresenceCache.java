package vn.tracegate.checkin.presence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.store.LuaScript;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.checkin.visits.ScanAction;
import vn.tracegate.checkin.visits.Visit;
import vn.tracegate.checkin.visits.VisitFeed;

/**
 * Live presence in Redis, a cache rebuilt from the visit log if lost: per checkpoint a sorted
 * set of who is inside since when, per worker where they are. Every scan is applied by one Lua
 * script, so concurrent scans of one worker never leave them in two rooms.
 */
public final class PresenceCache {

  static final String PREFIX = "tg:pres:cp:";
  static final String WORKER_PREFIX = "tg:pres:w:";
  private static final String SCRIPT = LuaScript.resource(PresenceCache.class, "presence.lua");
  /** A gate's presence is the site: someone who came in through it counts as on site this long at most. */
  static final Duration ON_SITE = Duration.ofHours(14);

  private final Vertx vertx;
  private final RedisLink redis;
  private final DwellPolicy dwell;
  private final LuaScript script;
  private volatile boolean rebuilding;

  public PresenceCache(Vertx vertx, RedisLink redis, DwellPolicy dwell) {
    this.vertx = vertx;
    this.redis = redis;
    this.dwell = dwell;
    this.script = new LuaScript(vertx, redis, SCRIPT);
  }

  /** True while presence is being rebuilt from the visit log: counts may be incomplete. */
  public boolean rebuilding() {
    return rebuilding;
  }

  void rebuilding(boolean now) {
    rebuilding = now;
  }

  /** One present worker. */
  public record Present(String workerId, Instant since) {}

  /**
   * Applies a scan; completes with the checkpoint's occupancy after it. Fails (Redis down) with
   * a rejection the caller turns into a stale-presence warning: the scan itself is already kept.
   */
  public Future<Integer> apply(String workerId, String checkpointId, CheckpointKind kind, ScanAction action,
      Instant at, Instant now) {
    String[] keys = {WORKER_PREFIX + workerId, PREFIX + checkpointId};
    return eval(keys, args(workerId, checkpointId, kind, action, at, now)).map(r -> ((Number) r.get(0)).intValue());
  }

  /**
   * Applies a written scan and, in the same script (one round trip), adds it to the visit feed.
   * When this fails the caller does not know whether the feed got it: it publishes again, and
   * readers keep a scan once.
   */
  public Future<Integer> applyAndPublish(Visit v, Instant now, VisitFeed feed) {
    String[] keys = {WORKER_PREFIX + v.workerId(), PREFIX + v.checkpointId(), VisitFeed.STREAM};
    String[] base = args(v.workerId(), v.checkpointId(), v.kind(), v.action(), v.at(), now);
    String[] args = java.util.Arrays.copyOf(base, base.length + 3);
    args[base.length] = Long.toString(feed.maxLength());
    args[base.length + 1] = v.scanId().toString();
    args[base.length + 2] = v.kind().name();
    return eval(keys, args).map(r -> ((Number) r.get(0)).intValue());
  }

  private String[] args(String workerId, String checkpointId, CheckpointKind kind, ScanAction action, Instant at,
      Instant now) {
    return new String[] {
        PREFIX, workerId, checkpointId, action.name(), Long.toString(at.toEpochMilli()),
        kind == CheckpointKind.GATE ? "1" : "0",
        Long.toString(now.minus(maxPresence(kind)).toEpochMilli()),
        Long.toString(ON_SITE.toSeconds())
    };
  }

  /** Who is inside a checkpoint now, oldest first, after dropping stays past max dwell. */
  public Future<List<Present>> present(String checkpointId, CheckpointKind kind, Instant now) {
    String key = PREFIX + checkpointId;
    try {
      var commands = redis.commands();
      long staleBefore = now.minus(maxPresence(kind)).toEpochMilli();
      return Future.fromCompletionStage(
              commands.zremrangebyscore(key, io.lettuce.core.Range.create(Double.NEGATIVE_INFINITY,
                  (double) staleBefore - 1)), vertx.getOrCreateContext())
          .compose(x -> Future.fromCompletionStage(commands.zrangeWithScores(key, 0, -1),
              vertx.getOrCreateContext()))
          .map(list -> list.stream()
              .map(sv -> new Present(sv.getValue(), Instant.ofEpochMilli((long) sv.getScore())))
              .toList());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** How long an IN without OUT keeps someone present: the kind's max dwell, or the site for a gate. */
  Duration maxPresence(CheckpointKind kind) {
    return kind == CheckpointKind.GATE ? ON_SITE : dwell.maxDwell(kind);
  }

  private Future<List<Object>> eval(String[] keys, String[] args) {
    return script.run(keys, args);
  }
}
