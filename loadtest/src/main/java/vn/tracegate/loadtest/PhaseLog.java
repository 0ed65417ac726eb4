package vn.tracegate.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.tracegate.loadtest.driver.CpuSampler;
import vn.tracegate.loadtest.driver.OpenRun;

/**
 * The phases of a load test on the CPU sampler's clock (roofs, closed loop, each step), the
 * quiet-machine waits before them, and the CPU averages the report shows for each.
 */
final class PhaseLog {

  private final CpuSampler cpu;
  private final long t0;
  private final double quietBelow;
  private final double quietWaitSeconds;
  private final Map<String, double[]> phases = new LinkedHashMap<>();
  private final JsonObject quiet = new JsonObject();

  PhaseLog(CpuSampler cpu, long t0, double quietBelow, double quietWaitSeconds) {
    this.cpu = cpu;
    this.t0 = t0;
    this.quietBelow = quietBelow;
    this.quietWaitSeconds = quietWaitSeconds;
  }

  /**
   * Waits (blocking) for other sessions' builds and tests to pause before {@code phase}, then times
   * the {@link vn.tracegate.loadtest.driver.CoreProbe} on the quiet machine ({@code coreProbeUs}).
   */
  void awaitQuiet(String phase) throws InterruptedException {
    if (quietWaitSeconds <= 0) {
      quiet.put(phase, probed(new JsonObject()));
      return;
    }
    long start = System.nanoTime();
    boolean terminal = System.console() != null;
    long[] lastNote = {0};
    CpuSampler.Busy busy = cpu.awaitQuiet(quietBelow, quietWaitSeconds, b -> {
      long second = (System.nanoTime() - start) / 1_000_000_000L;
      if (terminal || second - lastNote[0] >= 30) {
        System.err.printf("%s    waiting %d s for a quiet machine before %s: %s%s",
            terminal ? "\r" : "", second, phase, describe(b), terminal ? "\u001b[K" : "\n");
        lastNote[0] = second;
      }
    });
    double waited = (System.nanoTime() - start) / 1e9;
    if (waited > 3 && terminal) {
      System.err.println();
    }
    quiet.put(phase, probed(new JsonObject().put("otherCpuPercent", Math.round(busy.other()))
        .put("stealCpuPercent", Math.round(busy.steal())).put("waitedSeconds", Math.round(waited))
        .put("quiet", busy.total() < quietBelow)));
    if (busy.total() >= quietBelow) {
      System.err.printf("    the machine did not quiet down (%s): measuring anyway%n", describe(busy));
    }
  }

  private JsonObject probed(JsonObject entry) {
    double us = cpu.probeNow();
    return us < 0 ? entry : entry.put("coreProbeUs", Math.round(us));
  }

  private static String describe(CpuSampler.Busy b) {
    return String.format("other processes use %.0f%% of a core, the host steals %.0f%%", b.other(), b.steal());
  }

  /** Records a wait before the measured phases other than for a quiet machine (e.g. the trace index loading). */
  void waited(String what, double seconds) {
    quiet.put(what, new JsonObject().put("waitedSeconds", Math.round(seconds)));
  }

  /** Marks a phase from {@code fromNanos} to now. */
  void ended(String name, long fromNanos) {
    phases.put(name, new double[] {(fromNanos - t0) / 1e9, (System.nanoTime() - t0) / 1e9});
  }

  /** CPU per phase and per step of the open-model run, plus the quiet waits and the raw series. */
  JsonObject toJson(OpenRun run) {
    JsonObject byPhase = new JsonObject();
    phases.forEach((name, span) -> byPhase.put(name, cpu.average(span[0], span[1])));
    JsonObject bySteps = new JsonObject();
    for (int k = 0; k < run.schedule().steps().size(); k++) {
      if (run.stepStartNanos(k) != 0) {
        bySteps.put(Integer.toString(k), cpu.average((run.stepStartNanos(k) - t0) / 1e9,
            (run.stepEndNanos(k) - t0) / 1e9));
      }
    }
    return new JsonObject().put("unit", "percent of one core; machine = all cores busy").put("phases", byPhase)
        .put("steps", bySteps).put("quietBeforePhases", quiet).put("series", cpu.toJson());
  }
}
