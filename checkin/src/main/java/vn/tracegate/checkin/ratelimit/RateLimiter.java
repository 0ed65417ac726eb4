package vn.tracegate.checkin.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.store.LuaScript;
import vn.tracegate.checkin.store.RedisLink;

/**
 * Per-client token buckets in Redis, one key per client ({@code tg:rl:<kind>:<id>}, expiring once
 * the bucket would be full again), taken atomically by one Lua script so every gateway node
 * shares them. One client over its limit never slows another.
 *
 * <p>Fails open: while Redis is down or slow every take is allowed (and a warning is logged at
 * most once a minute), because scans must keep flowing into the visit log; only the flood
 * protection is lost for that time.
 */
public final class RateLimiter {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  static final String PREFIX = "tg:rl:";
  /** The Lua function {@code take_bucket(key, perSecond, burst, nowMillis, cost)}, for scripts to append to. */
  public static final String BUCKET_FUNCTION = LuaScript.resource(RateLimiter.class, "token-bucket.lua");
  private static final String SCRIPT = BUCKET_FUNCTION
      + "return take_bucket(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4])\n";
  private static final long WARN_EVERY_MS = 60_000;
  private static final AtomicLong LAST_WARNING = new AtomicLong();

  private final LuaScript script;

  public RateLimiter(Vertx vertx, RedisLink redis) {
    this.script = new LuaScript(vertx, redis, SCRIPT);
  }

  /**
   * A take to be made in another script's round trip (the scan claim's): client {@code kind}/{@code id},
   * {@code cost} tokens (capped at the burst, at least 1) at {@code nowMillis}.
   */
  public record Charge(String kind, String id, Rate rate, int cost, long nowMillis) {

    public Charge {
      cost = Math.max(1, Math.min(cost, rate.burst()));
    }

    /** The bucket's Redis key. */
    public String key() {
      return PREFIX + kind + ":" + id;
    }

    /** The script arguments after the caller's own: tokens per second, burst, now, cost. */
    public String[] args() {
      return new String[] {Double.toString(rate.perSecond()), Integer.toString(rate.burst()),
          Long.toString(nowMillis), Integer.toString(cost)};
    }
  }

  /**
   * Takes {@code cost} tokens from the bucket of client {@code kind}/{@code id}. A cost above the
   * burst is charged as the burst, so a full bucket admits any single request. Never fails.
   */
  public Future<TokenBucket.Decision> take(String kind, String id, Rate rate, int cost, long nowMillis) {
    return take(new Charge(kind, id, rate, cost, nowMillis));
  }

  /** Takes {@code charge} from its client's bucket in a round trip of its own. Never fails. */
  public Future<TokenBucket.Decision> take(Charge charge) {
    return script.run(new String[] {charge.key()}, charge.args())
        .map(RateLimiter::decision)
        .otherwise(err -> {
          unenforced(err);
          return new TokenBucket.Decision(true, 0, -1);
        });
  }

  /** Logs, at most once a minute, that Redis did not answer and limits are not enforced. */
  public static void unenforced(Throwable err) {
    long now = System.currentTimeMillis();
    long last = LAST_WARNING.get();
    if (now - last > WARN_EVERY_MS && LAST_WARNING.compareAndSet(last, now)) {
      LOG.warn("rate limits not enforced: Redis did not answer ({}); requests are let through", err.toString());
    }
  }

  private static TokenBucket.Decision decision(List<Object> reply) {
    return new TokenBucket.Decision(((Number) reply.get(0)).longValue() == 1, ((Number) reply.get(1)).longValue(),
        ((Number) reply.get(2)).longValue());
  }
}
