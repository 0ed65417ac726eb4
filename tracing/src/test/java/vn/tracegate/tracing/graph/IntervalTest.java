package vn.tracegate.tracing.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalTest {

  private static Interval iv(int from, int to) {
    return new Interval(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
  }

  @Test
  void overlappingAndTouchingIntervalsMergeAndEmptyOnesVanish() {
    assertThat(Interval.merge(List.of(iv(10, 20), iv(0, 5), iv(5, 8), iv(15, 30), iv(40, 40))))
        .containsExactly(iv(0, 8), iv(10, 30));
  }

  @Test
  void subtractingWhatIsReadLeavesOnlyTheGaps() {
    assertThat(Interval.subtract(List.of(iv(0, 100)), List.of(iv(10, 20), iv(30, 40), iv(90, 120))))
        .containsExactly(iv(0, 10), iv(20, 30), iv(40, 90));
    assertThat(Interval.subtract(List.of(iv(12, 18)), List.of(iv(10, 20)))).isEmpty();
    assertThat(Interval.subtract(List.of(iv(0, 10)), List.of())).containsExactly(iv(0, 10));
  }

  @Test
  void wholeDaysWidensToUtcMidnightsAndAnEndAtMidnightTouchesNoFurtherDay() {
    Instant d15 = Instant.parse("2021-07-15T00:00:00Z");
    Instant d16 = Instant.parse("2021-07-16T00:00:00Z");
    Instant d17 = Instant.parse("2021-07-17T00:00:00Z");
    assertThat(new Interval(Instant.parse("2021-07-15T22:00:00Z"), Instant.parse("2021-07-16T06:00:00Z")).wholeDays())
        .isEqualTo(new Interval(d15, d17));
    assertThat(new Interval(Instant.parse("2021-07-15T09:30:00Z"), d16).wholeDays()).isEqualTo(new Interval(d15, d16));
    assertThat(new Interval(d15, d16).wholeDays()).isEqualTo(new Interval(d15, d16));
    assertThat(iv(50, 50).wholeDays()).isEqualTo(iv(50, 50));
  }
}
