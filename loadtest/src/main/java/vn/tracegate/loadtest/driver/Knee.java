package vn.tracegate.loadtest.driver;

import java.util.List;
import java.util.Optional;

/**
 * The knee of a ramp: the highest arrival rate whose step held the latency target with nothing
 * refused and nothing left unsent. Steps above a failed one do not count even if they pass by
 * luck: a knee is where the curve bends, the last rate of the unbroken run from the bottom.
 */
public final class Knee {

  /** How one measured step went. */
  public record StepOutcome(double rate, long sent, long ok, long errors, long unsent, double p99Ms) {

    public boolean holds(double p99LimitMs) {
      return errors == 0 && unsent == 0 && ok == sent && sent > 0 && p99Ms <= p99LimitMs;
    }
  }

  private Knee() {}

  /** The highest rate of the unbroken run of holding steps from the lowest one; empty if the first fails. */
  public static Optional<StepOutcome> of(List<StepOutcome> steps, double p99LimitMs) {
    StepOutcome knee = null;
    for (StepOutcome s : steps) {
      if (!s.holds(p99LimitMs)) {
        break;
      }
      if (knee == null || s.rate() > knee.rate()) {
        knee = s;
      }
    }
    return Optional.ofNullable(knee);
  }

  /** The measured steps of a run as outcomes, warm-up left out. */
  public static List<StepOutcome> outcomes(OpenRun run) {
    List<Schedule.Step> steps = run.schedule().steps();
    return java.util.stream.IntStream.range(0, steps.size())
        .filter(k -> !steps.get(k).warmup())
        .mapToObj(k -> {
          Tally t = run.stepTally(k);
          return new StepOutcome(steps.get(k).rate(), t.sentCount(), t.okCount(), t.errorCount(), t.unsentCount(),
              t.millisAt(99));
        })
        .toList();
  }
}
