package vn.tracegate.checkin.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucket arithmetic that the Redis script mirrors. */
class TokenBucketTest {

  static final Rate DEVICE = new Rate(50, 200);

  @Test
  void aNewBucketIsFullAndAdmitsTheWholeBurstAtOnce() {
    TokenBucket.State s = null;
    for (int i = 0; i < 200; i++) {
      TokenBucket.Outcome o = TokenBucket.take(s, 1_000, DEVICE, 1);
      assertThat(o.decision().allowed()).as("take " + i).isTrue();
      s = o.next();
    }
    TokenBucket.Outcome over = TokenBucket.take(s, 1_000, DEVICE, 1);
    assertThat(over.decision().allowed()).isFalse();
    assertThat(over.decision().retryAfterMillis()).isEqualTo(20);
    assertThat(over.decision().retryAfterSeconds()).isEqualTo(1);
  }

  @Test
  void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
    TokenBucket.State empty = new TokenBucket.State(0, 1_000);
    assertThat(TokenBucket.take(empty, 1_019, DEVICE, 1).decision().allowed()).isFalse();
    assertThat(TokenBucket.take(empty, 1_020, DEVICE, 1).decision().allowed()).isTrue();
    TokenBucket.Outcome muchLater = TokenBucket.take(empty, 1_000 + 3_600_000, DEVICE, 1);
    assertThat(muchLater.next().milliTokens()).isEqualTo(199_000);
  }

  @ParameterizedTest(name = "{0} tokens/s, {1} left, cost {2} -> retry after {3} ms")
  @CsvSource({
      "2, 0, 1, 500",
      "2, 0.5, 1, 250",
      "50, 0, 10, 200",
      "0.5, 0, 1, 2000",
      "3, 0, 1, 334"})
  void retryAfterIsTheTimeUntilTheCostIsBack(double perSecond, double left, int cost, long waitMillis) {
    TokenBucket.State s = new TokenBucket.State(Math.round(left * 1000), 5_000);
    TokenBucket.Decision d = TokenBucket.take(s, 5_000, new Rate(perSecond, 20), cost).decision();
    assertThat(d.allowed()).isFalse();
    assertThat(d.retryAfterMillis()).isEqualTo(waitMillis);
  }

  @Test
  void aRefusedTakeSpendsNothing() {
    TokenBucket.State s = new TokenBucket.State(500, 0);
    TokenBucket.Outcome o = TokenBucket.take(s, 0, new Rate(2, 20), 1);
    assertThat(o.decision().allowed()).isFalse();
    assertThat(o.next().milliTokens()).isEqualTo(500);
  }

  @Test
  void aClockThatStepsBackRefillsNothingAndKeepsTheNewerTime() {
    TokenBucket.State s = new TokenBucket.State(0, 10_000);
    TokenBucket.Outcome o = TokenBucket.take(s, 9_000, DEVICE, 1);
    assertThat(o.decision().allowed()).isFalse();
    assertThat(o.next().atMillis()).isEqualTo(10_000);
  }

  @Test
  void retryAfterSecondsRoundsUpAndIsAtLeastOne() {
    assertThat(new TokenBucket.Decision(false, 1, 0).retryAfterSeconds()).isEqualTo(1);
    assertThat(new TokenBucket.Decision(false, 1_000, 0).retryAfterSeconds()).isEqualTo(1);
    assertThat(new TokenBucket.Decision(false, 1_001, 0).retryAfterSeconds()).isEqualTo(2);
  }
}
