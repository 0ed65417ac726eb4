package vn.tracegate.checkin.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.store.RedisFixture;
import vn.tracegate.checkin.store.RedisLink;

/** The Lua bucket in the real Redis agrees with the Java reference, and fails open without Redis. */
class RateLimiterIT {

  static Vertx vertx;
  static RedisLink redis;
  static RateLimiter limiter;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisFixture.connect(vertx);
    limiter = new RateLimiter(vertx, redis);
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close();
  }

  @Test
  void theScriptDecidesExactlyAsTheReferenceOverARandomSequence() throws Exception {
    Random random = new Random(42);
    Rate rate = new Rate(7.5, 12);
    String id = UUID.randomUUID().toString();
    TokenBucket.State model = null;
    long now = 1_700_000_000_000L;
    for (int i = 0; i < 300; i++) {
      now += random.nextInt(400);
      int cost = 1 + random.nextInt(3);
      TokenBucket.Outcome expected = TokenBucket.take(model, now, rate, cost);
      model = expected.next();

      TokenBucket.Decision actual = await(limiter.take("test", id, rate, cost, now));

      assertThat(actual).as("take " + i).isEqualTo(expected.decision());
    }
  }

  @Test
  void oneClientOverItsLimitLeavesAnotherUntouched() throws Exception {
    Rate rate = new Rate(1, 3);
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    for (int i = 0; i < 3; i++) {
      assertThat(await(limiter.take("test", a, rate, 1, now)).allowed()).isTrue();
    }
    assertThat(await(limiter.take("test", a, rate, 1, now)).allowed()).isFalse();
    assertThat(await(limiter.take("test", b, rate, 1, now)).allowed()).isTrue();
  }

  @Test
  void aCostAboveTheBurstIsChargedAsTheBurst() throws Exception {
    Rate rate = new Rate(50, 200);
    String id = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();
    TokenBucket.Decision batch = await(limiter.take("test", id, rate, 500, now));
    assertThat(batch.allowed()).isTrue();
    assertThat(batch.milliTokensLeft()).isZero();
  }

  @Test
  void theBucketKeyExpiresOnceTheBucketWouldBeFullAgain() throws Exception {
    String id = UUID.randomUUID().toString();
    await(limiter.take("test", id, new Rate(2, 20), 1, System.currentTimeMillis()));
    Long ttl = await(io.vertx.core.Future.fromCompletionStage(redis.commands().pttl(RateLimiter.PREFIX + "test:" + id)));
    assertThat(ttl).isBetween(10_000L, 11_000L);
  }

  @Test
  void withoutRedisEveryTakeIsAllowed() throws Exception {
    RedisLink down = new RedisLink(vertx, "redis://127.0.0.1:1", Duration.ofMillis(200), 10);
    await(down.start());
    try {
      TokenBucket.Decision d = await(new RateLimiter(vertx, down).take("test", "x", new Rate(1, 1), 1, 0));
      assertThat(d.allowed()).isTrue();
    } finally {
      down.close();
    }
  }
}
