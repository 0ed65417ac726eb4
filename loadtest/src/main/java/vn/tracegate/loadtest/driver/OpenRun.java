package vn.tracegate.loadtest.driver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * What an open-model run measured: a {@link Tally} per step, one per second of intended send
 * time (for the latency-over-time plot), and answers per second of completion time (achieved
 * throughput).
 */
public final class OpenRun {

  private final Schedule schedule;
  private final Instant startedAt;
  private final long startNanos;
  private final Tally[] steps;
  private final Tally[] seconds;
  private final long[] completedPerSecond;
  private final long[] stepStartNanos;
  private final long[] stepEndNanos;
  private long finishedMicros;
  private Stalls stalls;

  OpenRun(Schedule schedule, Instant startedAt, long startNanos) {
    this.schedule = schedule;
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.steps = new Tally[schedule.steps().size()];
    for (int i = 0; i < steps.length; i++) {
      steps[i] = new Tally(3);
    }
    int secs = (int) (schedule.durationMicros() / 1_000_000) + 1;
    this.seconds = new Tally[secs];
    for (int i = 0; i < secs; i++) {
      seconds[i] = new Tally(2);
    }
    this.stepStartNanos = new long[steps.length];
    this.stepEndNanos = new long[steps.length];
    // Answers may trail the last send by the request timeout.
    this.completedPerSecond = new long[secs + 180];
  }

  Tally step(int k) {
    return steps[k];
  }

  Tally second(long intendedMicros) {
    return seconds[(int) Math.min(seconds.length - 1, intendedMicros / 1_000_000)];
  }

  void stepStarted(int k, long nanos) {
    stepStartNanos[k] = nanos;
  }

  void stepEnded(int k, long nanos) {
    stepEndNanos[k] = nanos;
  }

  /** {@link System#nanoTime()} when step {@code k} sent its first request; 0 if it never started. */
  public long stepStartNanos(int k) {
    return stepStartNanos[k];
  }

  /** {@link System#nanoTime()} when step {@code k} stopped sending (a hold or the end began). */
  public long stepEndNanos(int k) {
    return stepEndNanos[k];
  }

  /** Where {@code nanos} falls on the schedule's clock, in seconds; NaN during a hold or outside the run. */
  public double scheduleSecondAt(long nanos) {
    for (int k = 0; k < steps.length; k++) {
      if (stepStartNanos[k] != 0 && nanos >= stepStartNanos[k] && (stepEndNanos[k] == 0 || nanos <= stepEndNanos[k])) {
        return schedule.startMicros(k) / 1e6 + (nanos - stepStartNanos[k]) / 1e9;
      }
    }
    return Double.NaN;
  }

  void completedAt(long elapsedMicros) {
    completedPerSecond[(int) Math.min(completedPerSecond.length - 1, elapsedMicros / 1_000_000)]++;
  }

  void finish(long elapsedMicros) {
    this.finishedMicros = elapsedMicros;
  }

  void stalls(Stalls s) {
    this.stalls = s;
  }

  /** The driver's own stalls over the run (null if not measured). */
  public Stalls stalls() {
    return stalls;
  }

  /** Measured seconds whose p99 exceeded {@code p99Ms}, and of those the ones the driver itself stalled over half of it in. */
  public int[] slowSeconds(double p99Ms) {
    int slow = 0;
    int driver = 0;
    for (int i = 0; i < seconds.length; i++) {
      if (schedule.steps().get(schedule.stepAt(i * 1_000_000L)).warmup() || seconds[i].okCount() == 0) {
        continue;
      }
      if (seconds[i].millisAt(99) > p99Ms) {
        slow++;
        if (stalls != null && stalls.maxMsIn(i) > p99Ms / 2) {
          driver++;
        }
      }
    }
    return new int[] {slow, driver};
  }

  public Schedule schedule() {
    return schedule;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** {@link System#nanoTime()} at the first request: time zero of every series. */
  public long startNanos() {
    return startNanos;
  }

  public Tally stepTally(int k) {
    return steps[k];
  }

  public int secondCount() {
    return seconds.length;
  }

  public Tally secondTally(int s) {
    return seconds[s];
  }

  public long completedIn(int second) {
    return second < completedPerSecond.length ? completedPerSecond[second] : 0;
  }

  /** Wall time from the first send to the last answer. */
  public double wallSeconds() {
    return finishedMicros / 1e6;
  }

  /** All steps merged, warm-up left out unless asked for. */
  public Tally sum(boolean withWarmup) {
    Tally all = new Tally(3);
    for (int k = 0; k < steps.length; k++) {
      if (withWarmup || !schedule.steps().get(k).warmup()) {
        all.add(steps[k]);
      }
    }
    return all;
  }

  /** Seconds of measured (non-warm-up) steps. */
  public double measuredSeconds() {
    return schedule.steps().stream().filter(s -> !s.warmup()).mapToDouble(Schedule.Step::seconds).sum();
  }

  /** Per-step results, then the per-second series. */
  public JsonObject toJson() {
    JsonArray stepJson = new JsonArray();
    for (int k = 0; k < steps.length; k++) {
      Schedule.Step s = schedule.steps().get(k);
      stepJson.add(steps[k].toJson(s.seconds()).put("targetRate", s.rate()).put("seconds", s.seconds())
          .put("warmup", s.warmup()));
    }
    JsonArray series = new JsonArray();
    for (int i = 0; i < seconds.length; i++) {
      Tally t = seconds[i];
      series.add(new JsonArray().add(i).add(schedule.steps().get(schedule.stepAt(i * 1_000_000L)).rate())
          .add(t.sentCount()).add(t.okCount()).add(completedIn(i)).add(t.errorCount()).add(t.unsentCount())
          .add(Tally.round(t.millisAt(50))).add(Tally.round(t.millisAt(99))).add(Tally.round(t.millisAt(99.9)))
          .add(t.okCount() == 0 ? 0 : Tally.round(t.latency().getMaxValue() / 1000.0))
          .add(stalls == null ? 0 : Tally.round(stalls.maxMsIn(i))));
    }
    return new JsonObject()
        .put("startedAt", startedAt.toString())
        .put("wallSeconds", Tally.round(wallSeconds()))
        .put("total", sum(false).toJson(measuredSeconds()))
        .put("steps", stepJson)
        .put("perSecondColumns", new JsonArray().add("second").add("targetRate").add("sent").add("ok")
            .add("answeredInSecond").add("errors").add("couldNotSend").add("p50Ms").add("p99Ms").add("p999Ms")
            .add("maxMs").add("driverStallMaxMs"))
        .put("perSecond", series)
        .put("driverStalls", stalls == null ? null : new JsonObject()
            .put("tickMs", Stalls.TICK_NANOS / 1e6)
            .put("p99Ms", Tally.round(stalls.percentileMs(99)))
            .put("p999Ms", Tally.round(stalls.percentileMs(99.9)))
            .put("maxMs", Tally.round(stalls.maxMs())));
  }
}
