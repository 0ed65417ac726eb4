package vn.tracegate.checkin.scans;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.ratelimit.TokenBucket;
import vn.tracegate.checkin.store.LuaScript;
import vn.tracegate.checkin.store.RedisLink;

/**
 * Remembers which scanIds were seen and with what content, so a retry is answered 200 and a
 * reuse of a scanId for other content 409. One {@code SET key hash NX GET} claims an id
 * atomically. Rows are idempotent, so this only decides the status code and refuses
 * conflicts; when Redis is down every scan counts as new and identical retries still store
 * nothing twice.
 *
 * <p>With a {@link RateLimiter.Charge}, the client's rate-limit token is taken in the same script,
 * one Redis round trip for both; a refused take claims nothing.
 */
public final class ScanLedger {

  /** What a scanId's claim found. */
  public enum Claim {
    NEW,
    REPLAY,
    CONFLICT,
    /** Redis unavailable: treated as new, the response says presence is stale. */
    UNKNOWN
  }

  /** The client's bucket refused the charge: nothing was claimed. */
  public static final class Limited extends RuntimeException {

    private final transient RateLimiter.Charge charge;
    private final transient TokenBucket.Decision decision;

    Limited(RateLimiter.Charge charge, TokenBucket.Decision decision) {
      super("rate limited", null, false, false);
      this.charge = charge;
      this.decision = decision;
    }

    public RateLimiter.Charge charge() {
      return charge;
    }

    public TokenBucket.Decision decision() {
      return decision;
    }
  }

  private static final String PREFIX = "tg:scan:";
  private static final String CLAIM_SCRIPT = RateLimiter.BUCKET_FUNCTION
      + LuaScript.resource(ScanLedger.class, "claim.lua");

  private final Vertx vertx;
  private final RedisLink redis;
  private final SetArgs args;
  private final String ttlSeconds;
  private final LuaScript claimScript;

  public ScanLedger(Vertx vertx, RedisLink redis, Duration ttl) {
    this.vertx = vertx;
    this.redis = redis;
    this.args = SetArgs.Builder.nx().ex(ttl.toSeconds());
    this.ttlSeconds = Long.toString(ttl.toSeconds());
    this.claimScript = new LuaScript(vertx, redis, CLAIM_SCRIPT);
  }

  /**
   * Takes {@code charge} from the client's bucket and, if it allows, claims the scanId. Fails
   * with {@link Limited} when the bucket refuses; when Redis is down the take is let through and
   * the claim is {@link Claim#UNKNOWN}.
   */
  public Future<Claim> claim(String scanId, String contentHash, RateLimiter.Charge charge) {
    if (charge == null) {
      return claim(scanId, contentHash);
    }
    String[] charged = charge.args();
    String[] argv = {contentHash, ttlSeconds, charged[0], charged[1], charged[2], charged[3]};
    return claimScript.run(new String[] {PREFIX + scanId, charge.key()}, argv)
        .transform(done -> {
          if (done.failed()) {
            RateLimiter.unenforced(done.cause());
            return Future.succeededFuture(Claim.UNKNOWN);
          }
          List<Object> reply = done.result();
          if (((Number) reply.get(0)).longValue() != 1) {
            return Future.failedFuture(new Limited(charge,
                new TokenBucket.Decision(false, ((Number) reply.get(1)).longValue(), 0)));
          }
          String previous = String.valueOf(reply.get(2));
          return Future.succeededFuture(previous.isEmpty() ? Claim.NEW
              : previous.equals(contentHash) ? Claim.REPLAY : Claim.CONFLICT);
        });
  }

  public Future<Claim> claim(String scanId, String contentHash) {
    try {
      return Future.fromCompletionStage(redis.commands().setGet(PREFIX + scanId, contentHash, args),
              vertx.getOrCreateContext())
          .map(previous -> previous == null ? Claim.NEW
              : previous.equals(contentHash) ? Claim.REPLAY : Claim.CONFLICT)
          .otherwise(Claim.UNKNOWN);
    } catch (RuntimeException redisDown) {
      return Future.succeededFuture(Claim.UNKNOWN);
    }
  }
}
