package vn.tracegate.loadtest.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * When each request of an open-model run is due: a sequence of constant-rate steps, every request
 * with an intended send time fixed in advance. A driver sends what is due whatever the server does,
 * and measures latency from the intended time, so a stalled server shows as latency instead of
 * silently slowing the arrivals (no coordinated omission). Times are microseconds from the start.
 */
public final class Schedule {

  /** One constant-rate stretch; a warm-up step is sent but left out of the results. */
  public record Step(double rate, long durationMicros, boolean warmup) {
    public Step {
      if (!(rate > 0) || durationMicros <= 0) {
        throw new IllegalArgumentException("a step needs a positive rate and duration");
      }
    }

    /** Requests in the step: rate times duration, rounded. */
    public long count() {
      return Math.max(1, Math.round(rate * durationMicros / 1e6));
    }

    public double seconds() {
      return durationMicros / 1e6;
    }
  }

  private final List<Step> steps;
  private final long[] startMicros;
  private final long[] firstIndex;
  private final long total;
  private final long durationMicros;

  public Schedule(List<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one step");
    }
    this.steps = List.copyOf(steps);
    this.startMicros = new long[steps.size()];
    this.firstIndex = new long[steps.size()];
    long t = 0;
    long n = 0;
    for (int k = 0; k < steps.size(); k++) {
      startMicros[k] = t;
      firstIndex[k] = n;
      t += steps.get(k).durationMicros();
      n += steps.get(k).count();
    }
    this.total = n;
    this.durationMicros = t;
  }

  /** A warm-up at half the first rate (if any), then each rate for {@code stepSeconds}. */
  public static Schedule ramp(List<Double> rates, double stepSeconds, double warmupSeconds) {
    List<Step> steps = new ArrayList<>();
    if (warmupSeconds > 0) {
      steps.add(new Step(rates.get(0) / 2, micros(warmupSeconds), true));
    }
    for (double rate : rates) {
      steps.add(new Step(rate, micros(stepSeconds), false));
    }
    return new Schedule(steps);
  }

  public List<Step> steps() {
    return steps;
  }

  /** Requests in the whole schedule. */
  public long total() {
    return total;
  }

  public long durationMicros() {
    return durationMicros;
  }

  /** When step {@code k} starts, in microseconds from the start. */
  public long startMicros(int k) {
    return startMicros[k];
  }

  /** The step that request {@code index} belongs to. */
  public int stepOf(long index) {
    checkIndex(index);
    int k = steps.size() - 1;
    while (firstIndex[k] > index) {
      k--;
    }
    return k;
  }

  /** The step running at {@code elapsedMicros} (the last one once the schedule is over). */
  public int stepAt(long elapsedMicros) {
    int k = steps.size() - 1;
    while (k > 0 && startMicros[k] > elapsedMicros) {
      k--;
    }
    return k;
  }

  /** When request {@code index} is meant to leave: evenly spread over its step. */
  public long intendedMicros(long index) {
    int k = stepOf(index);
    Step step = steps.get(k);
    long j = index - firstIndex[k];
    return startMicros[k] + j * step.durationMicros() / step.count();
  }

  /** How many requests are due at {@code elapsedMicros}: those with intended time at or before it. */
  public long dueBy(long elapsedMicros) {
    if (elapsedMicros < 0) {
      return 0;
    }
    if (elapsedMicros >= durationMicros) {
      return total;
    }
    int k = stepAt(elapsedMicros);
    Step step = steps.get(k);
    long u = elapsedMicros - startMicros[k];
    // j is due when floor(j * d / c) <= u, that is for j < (u + 1) * c / d.
    long c = step.count();
    long d = step.durationMicros();
    long due = ((u + 1) * c + d - 1) / d;
    return firstIndex[k] + Math.min(c, due);
  }

  private void checkIndex(long index) {
    if (index < 0 || index >= total) {
      throw new IndexOutOfBoundsException("request " + index + " of " + total);
    }
  }

  static long micros(double seconds) {
    return Math.round(seconds * 1e6);
  }
}
