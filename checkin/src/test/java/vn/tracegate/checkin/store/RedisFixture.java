package vn.tracegate.checkin.store;

import static vn.tracegate.checkin.registry.CassandraFixture.await;

import io.vertx.core.Vertx;
import java.time.Duration;

/** The Redis the tests run against: {@code TRACEGATE_REDIS_URI}, else the one `./tracegate test` starts. */
public final class RedisFixture {

  private RedisFixture() {}

  /** A started link to the test Redis (2 s command timeout). */
  public static RedisLink connect(Vertx vertx) throws Exception {
    return connect(vertx, true);
  }

  /** The same, with or without consolidated flushes on the event loops' connections. */
  public static RedisLink connect(Vertx vertx, boolean consolidateFlushes) throws Exception {
    RedisLink redis = new RedisLink(vertx, uri(), Duration.ofSeconds(2), 1000, consolidateFlushes);
    await(redis.start());
    return redis;
  }

  public static String uri() {
    return System.getenv().getOrDefault("TRACEGATE_REDIS_URI", "redis://127.0.0.1:6379");
  }
}
