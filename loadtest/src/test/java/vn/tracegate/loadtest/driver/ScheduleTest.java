package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {

  @ParameterizedTest
  @CsvSource({
      "1000, 0, 1",
      "1000, 999, 1",
      "1000, 1000, 2",
      "1000, 1001, 2",
      "1000, 999999, 1000",
      "3, 0, 1",
      "3, 333332, 1",
      "3, 333333, 2",
      "3, 666665, 2",
      "3, 666666, 3"})
  void requestsAreDueEvenlySpreadFromTheFirstInstant(double rate, long elapsedMicros, long due) {
    Schedule s = new Schedule(List.of(new Schedule.Step(rate, 1_000_000, false)));
    assertThat(s.dueBy(elapsedMicros)).isEqualTo(due);
  }

  @Test
  void aRequestIsDueExactlyFromItsIntendedTime() {
    Schedule s = Schedule.ramp(List.of(700.0, 3_300.0, 50_000.0), 2.5, 1);
    for (long i = 0; i < s.total(); i += 7) {
      long t = s.intendedMicros(i);
      assertThat(s.dueBy(t)).as("request %d at %d µs", i, t).isGreaterThan(i);
      if (t > 0) {
        assertThat(s.dueBy(t - 1)).as("request %d just before %d µs", i, t).isLessThanOrEqualTo(i);
      }
    }
  }

  @Test
  void aRampHasAHalfRateWarmUpThenEachStepForItsSeconds() {
    Schedule s = Schedule.ramp(List.of(1_000.0, 2_000.0, 4_000.0), 30, 10);
    assertThat(s.steps()).extracting(Schedule.Step::rate).containsExactly(500.0, 1_000.0, 2_000.0, 4_000.0);
    assertThat(s.steps().get(0).warmup()).isTrue();
    assertThat(s.total()).isEqualTo(5_000 + 30_000 + 60_000 + 120_000);
    assertThat(s.durationMicros()).isEqualTo(100_000_000);
    assertThat(s.stepOf(5_000)).isEqualTo(1);
    assertThat(s.intendedMicros(5_000)).isEqualTo(10_000_000);
    assertThat(s.stepAt(40_000_000)).isEqualTo(2);
  }

  @Test
  void everythingIsDueOnceTheScheduleIsOverAndNothingBeforeItStarts() {
    Schedule s = Schedule.ramp(List.of(2_000.0), 5, 0);
    assertThat(s.dueBy(-1)).isZero();
    assertThat(s.dueBy(5_000_000)).isEqualTo(10_000);
    assertThat(s.dueBy(Long.MAX_VALUE / 2)).isEqualTo(10_000);
  }

  @Test
  void anHourAtTheHighestRateDoesNotOverflow() {
    Schedule s = Schedule.ramp(List.of(50_000.0), 3_600, 0);
    assertThat(s.total()).isEqualTo(180_000_000L);
    assertThat(s.intendedMicros(s.total() - 1)).isEqualTo(3_600_000_000L - 20);
    assertThat(s.dueBy(3_600_000_000L - 1)).isEqualTo(s.total());
  }

  @Test
  void aStepWithoutRateOrTimeIsRefused() {
    assertThatThrownBy(() -> new Schedule.Step(0, 1_000, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Schedule(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
