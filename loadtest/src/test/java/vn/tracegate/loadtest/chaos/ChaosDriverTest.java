package vn.tracegate.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosDriverTest {

  @Test
  void retriesBackOffFromAQuarterSecondDoublingToFiveSecondsWithJitter() {
    for (int i = 0; i < 200; i++) {
      assertThat(ChaosDriver.backoffMillis(1)).isBetween(125L, 375L);
      assertThat(ChaosDriver.backoffMillis(3)).isBetween(500L, 1_500L);
      assertThat(ChaosDriver.backoffMillis(40)).isBetween(2_500L, 7_500L);
    }
  }

  @Test
  void retryAfterIsReadInSecondsAndIgnoredWhenItIsNotANumber() {
    assertThat(ChaosDriver.retryAfterMillis("2")).isEqualTo(2_000);
    assertThat(ChaosDriver.retryAfterMillis(" 1 ")).isEqualTo(1_000);
    assertThat(ChaosDriver.retryAfterMillis(null)).isZero();
    assertThat(ChaosDriver.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
    assertThat(ChaosDriver.retryAfterMillis("86400")).isEqualTo(60_000);
  }
}
