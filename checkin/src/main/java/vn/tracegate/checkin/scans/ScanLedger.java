package vn.tracegate.checkin.scans;

import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import vn.tracegate.checkin.store.RedisLink;

/**
 * Remembers which scanIds were seen and with what content, so a retry is answered 200 and a
 * reuse of a scanId for other content 409. One {@code SET key hash NX GET} claims an id
 * atomically. Rows are idempotent, so this only decides the status code and refuses
 * conflicts; when Redis is down every scan counts as new and identical retries still store
 * nothing twice.
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

  private static final String PREFIX = "tg:scan:";

  private final Vertx vertx;
  private final RedisLink redis;
  private final SetArgs args;

  public ScanLedger(Vertx vertx, RedisLink redis, Duration ttl) {
    this.vertx = vertx;
    this.redis = redis;
    this.args = SetArgs.Builder.nx().ex(ttl.toSeconds());
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
