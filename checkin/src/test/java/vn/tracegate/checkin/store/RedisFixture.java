package vn.tracegate.checkin.store;

import static vn.tracegate.checkin.registry.CassandraFixture.await;

import io.vertx.core.Vertx;
import java.time.Duration;

/** The Redis the tests run against: {@code TRACEGATE_REDIS_URI}, else the one `./tracegate test` starts. */
public final class RedisFixture {

  private RedisFixture() {}

  /** A started link to the test Redis (2 s command timeout). */
  public static RedisLink connect(Vertx vertx) throws Exception {
    String uri = System.getenv().getOrDefault("TRACEGATE_REDIS_URI", "redis://127.0.0.1:6379");
    RedisLink redis = new RedisLink(vertx, uri, Duration.ofSeconds(2), 1000);
    await(redis.start());
    return redis;
  }
}
