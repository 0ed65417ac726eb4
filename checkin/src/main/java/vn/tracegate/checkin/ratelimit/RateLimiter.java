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
  private static final String SCRIPT = LuaScript.resource(RateLimiter.class, "token-bucket.lua");
  private static final long WARN_EVERY_MS = 60_000;

  private final LuaScript script;
  private final AtomicLong lastWarning = new AtomicLong();

  public RateLimiter(Vertx vertx, RedisLink redis) {
    this.script = new LuaScript(vertx, redis, SCRIPT);
  }

  /**
   * Takes {@code cost} tokens from the bucket of client {@code kind}/{@code id}. A cost above the
   * burst is charged as the burst, so a full bucket admits any single request. Never fails.
   */
  public Future<TokenBucket.Decision> take(String kind, String id, Rate rate, int cost, long nowMillis) {
    int charged = Math.max(1, Math.min(cost, rate.burst()));
    String[] keys = {PREFIX + kind + ":" + id};
    return script.run(keys, Double.toString(rate.perSecond()), Integer.toString(rate.burst()),
            Long.toString(nowMillis), Integer.toString(charged))
        .map(RateLimiter::decision)
        .otherwise(err -> {
          long now = System.currentTimeMillis();
          long last = lastWarning.get();
          if (now - last > WARN_EVERY_MS && lastWarning.compareAndSet(last, now)) {
            LOG.warn("rate limits not enforced: Redis did not answer ({}); requests are let through", err.toString());
          }
          return new TokenBucket.Decision(true, 0, -1);
        });
  }

  private static TokenBucket.Decision decision(List<Object> reply) {
    return new TokenBucket.Decision(((Number) reply.get(0)).longValue() == 1, ((Number) reply.get(1)).longValue(),
        ((Number) reply.get(2)).longValue());
  }
}
