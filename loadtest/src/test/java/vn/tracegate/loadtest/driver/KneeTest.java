package vn.tracegate.loadtest.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tracegate.loadtest.driver.Knee.StepOutcome;

class KneeTest {

  private static StepOutcome step(double rate, double p99, long errors, long unsent) {
    return new StepOutcome(rate, 1000, 1000 - errors - unsent, errors, unsent, p99);
  }

  @Test
  void theKneeIsTheLastStepOfTheUnbrokenRunThatHeldTheTarget() {
    var steps = List.of(step(1000, 3, 0, 0), step(2000, 4, 0, 0), step(4000, 12, 0, 0), step(6000, 80, 0, 0));
    assertThat(Knee.of(steps, 50)).map(StepOutcome::rate).contains(4000.0);
  }

  @Test
  void aStepThatPassesAfterAFailedOneIsNotTheKnee() {
    var steps = List.of(step(1000, 3, 0, 0), step(2000, 60, 0, 0), step(4000, 12, 0, 0));
    assertThat(Knee.of(steps, 50)).map(StepOutcome::rate).contains(1000.0);
  }

  @Test
  void oneErrorOrOneRequestNotSentBreaksAStep() {
    assertThat(Knee.of(List.of(step(1000, 3, 0, 0), step(2000, 3, 1, 0)), 50)).map(StepOutcome::rate).contains(1000.0);
    assertThat(Knee.of(List.of(step(1000, 3, 0, 0), step(2000, 3, 0, 1)), 50)).map(StepOutcome::rate).contains(1000.0);
  }

  @Test
  void thereIsNoKneeWhenTheFirstStepFails() {
    assertThat(Knee.of(List.of(step(1000, 51, 0, 0)), 50)).isEmpty();
  }
}
