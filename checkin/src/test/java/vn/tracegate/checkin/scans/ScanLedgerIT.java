package vn.tracegate.checkin.scans;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tracegate.checkin.registry.CassandraFixture.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.ratelimit.Rate;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.store.RedisFixture;
import vn.tracegate.checkin.store.RedisLink;

/** The scanId claim in the real Redis, alone and with the client's rate-limit token in the same script. */
class ScanLedgerIT {

  static Vertx vertx;
  static RedisLink redis;
  static ScanLedger ledger;
  static RateLimiter limiter;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    redis = RedisFixture.connect(vertx);
    ledger = new ScanLedger(vertx, redis, Duration.ofMinutes(5));
    limiter = new RateLimiter(vertx, redis);
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close();
  }

  @Test
  void aChargedClaimTakesFromTheLimitersOwnBucketAndARefusedOneClaimsNothing() throws Exception {
    Rate rate = new Rate(1, 2);
    String client = UUID.randomUUID().toString();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    long now = System.currentTimeMillis();

    assertThat(await(ledger.claim(first, "h1", new RateLimiter.Charge("test", client, rate, 1, now))))
        .isEqualTo(ScanLedger.Claim.NEW);
    assertThat(await(limiter.take("test", client, rate, 1, now)).allowed()).as("the second token").isTrue();
    Throwable refused = ledger.claim(second, "h2", new RateLimiter.Charge("test", client, rate, 1, now))
        .toCompletionStage().toCompletableFuture().handle((ok, err) -> err).get();

    assertThat(refused).isInstanceOf(ScanLedger.Limited.class);
    assertThat(((ScanLedger.Limited) refused).decision().retryAfterMillis()).isEqualTo(1000);
    assertThat(await(ledger.claim(second, "h2", null))).as("the refused claim left the scanId free")
        .isEqualTo(ScanLedger.Claim.NEW);
    RateLimiter.Charge refilled = new RateLimiter.Charge("test", client, rate, 1, now + 1000);
    assertThat(await(ledger.claim(first, "h1", refilled))).isEqualTo(ScanLedger.Claim.REPLAY);
    assertThat(await(ledger.claim(first, "other", new RateLimiter.Charge("test", client, rate, 1, now + 2000))))
        .isEqualTo(ScanLedger.Claim.CONFLICT);
  }

  @Test
  void withoutAChargeTheClaimTellsNewReplayAndConflict() throws Exception {
    String id = UUID.randomUUID().toString();
    assertThat(await(ledger.claim(id, "a"))).isEqualTo(ScanLedger.Claim.NEW);
    assertThat(await(ledger.claim(id, "a"))).isEqualTo(ScanLedger.Claim.REPLAY);
    assertThat(await(ledger.claim(id, "b"))).isEqualTo(ScanLedger.Claim.CONFLICT);
  }
}
