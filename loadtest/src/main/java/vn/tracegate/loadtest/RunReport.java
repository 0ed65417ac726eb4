package vn.tracegate.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import vn.tracegate.loadtest.driver.ClosedLoopDriver;
import vn.tracegate.loadtest.driver.HeapSampler;
import vn.tracegate.loadtest.driver.Knee;
import vn.tracegate.loadtest.driver.OpenRun;
import vn.tracegate.loadtest.driver.Schedule;
import vn.tracegate.loadtest.driver.Tally;
import vn.tracegate.loadtest.roof.CassandraRoof;
import vn.tracegate.loadtest.roof.CassandraWarmup;
import vn.tracegate.loadtest.verify.NoLossCheck;

/**
 * Everything one load test measured, as {@code report.json} (all figures and series) and
 * {@code report.md} (the verdict against the targets, the ceilings, the steps, the no-loss counts).
 *
 * @param cassandraWarmup what ran through Cassandra before the open model; null when skipped
 * @param cpu per-phase and per-step CPU averages (percent of one core)
 */
public record RunReport(
    LoadOptions options,
    String command,
    JsonObject machine,
    JsonObject park,
    CassandraWarmup.Result cassandraWarmup,
    List<CassandraRoof.Result> cassandraRoof,
    ClosedLoopDriver.Result bareRoof,
    ClosedLoopDriver.Result saturation,
    OpenRun run,
    JsonObject cpu,
    HeapSampler heap,
    NoLossCheck.Result noLoss) {

  static final double KNEE_TARGET = 5_000;
  static final double ROOF_SHARE_TARGET = 0.6;
  static final double STEADY_RATE = 2_000;
  static final double STEADY_P99_MS = 20;

  public Optional<Knee.StepOutcome> knee() {
    return options.isRamp() ? Knee.of(Knee.outcomes(run), options.kneeP99Ms()) : Optional.empty();
  }

  /** The raw roof in scans/s: single async inserts, two rows a scan; 0 when not measured. */
  double rawRoofScans() {
    return cassandraRoof.isEmpty() ? 0 : cassandraRoof.get(0).scansPerSecond();
  }

  /** This run's floor; null when a ceiling was not measured. */
  CpuCost.Floor floor() {
    if (cassandraRoof.size() < 2 || bareRoof == null || saturation == null || cpu == null) {
      return null;
    }
    return CpuCost.Floor.of(cpu.getJsonObject("phases", new JsonObject()), cassandraRoof.get(1).rowsPerSecond(),
        bareRoof.throughput(), saturation.throughput());
  }

  /** What the roof-share target leaves a scan on this machine, from this run's ceilings; null when not measured. */
  CpuCost.RoofBound roofBound() {
    return cassandraRoof.isEmpty() || cpu == null ? null : CpuCost.RoofBound.of(
        cpu.getJsonObject("phases", new JsonObject()), machine.getInteger("cores", 2),
        cassandraRoof.get(0).rowsPerSecond(), floor(), ROOF_SHARE_TARGET);
  }

  /**
   * What TraceGate sustained: the knee of a ramp; for a constant rate, the 2xx answers per
   * second (the rate itself when nothing was refused or left unsent), whatever the latency.
   */
  double sustained() {
    if (options.isRamp()) {
      return knee().map(Knee.StepOutcome::rate).orElse(0.0);
    }
    Tally t = run.sum(false);
    return t.errorCount() == 0 && t.unsentCount() == 0 ? options.rate() : t.okCount() / run.measuredSeconds();
  }

  public JsonObject toJson() {
    JsonArray roofs = new JsonArray();
    cassandraRoof.forEach(r -> roofs.add(r.toJson()));
    return new JsonObject()
        .put("command", command)
        .put("scenario", options.scenario().cliName())
        .put("schedule", options.isRamp() ? "ramp " + options.ramp() + " x " + options.stepSeconds() + " s"
            : "constant " + options.rate() + "/s for " + options.durationSeconds() + " s")
        .put("machine", machine)
        .put("park", park)
        .put("cassandraWarmup", cassandraWarmup == null ? null : cassandraWarmup.toJson())
        .put("roof", new JsonObject()
            .put("cassandra", roofs)
            .put("bareVertx", closedJson(bareRoof))
            .put("traceGateClosedLoop", closedJson(saturation)))
        .put("openModel", run.toJson())
        .put("knee", knee().map(k -> new JsonObject().put("rate", k.rate()).put("p99Ms", Tally.round(k.p99Ms())))
            .orElse(null))
        .put("ratios", ratios())
        .put("cpu", cpu)
        .put("gatewayHeap", heap.toJson())
        .put("noLoss", noLoss.toJson())
        .put("targets", new JsonArray(verdicts().stream().map(v -> (Object) new JsonObject().put("target", v[0])
            .put("measured", v[1]).put("result", v[2])).toList()));
  }

  /** What the target leaves TraceGate a scan, beside a missed roof share; empty when not measured. */
  private String boundNote() {
    CpuCost.RoofBound b = roofBound();
    return b == null ? "" : "; at " + Math.round(CpuCost.KNEE_BUSY * 100) + " % busy that leaves TraceGate "
        + Math.round(b.leftMicros()) + " µs of CPU a scan beyond its two rows and a bare request, the floor"
        + " allows " + round3(b.floorShare()) + " × (see CPU cost per operation)";
  }

  private JsonObject ratios() {
    double tg = sustained();
    JsonObject out = new JsonObject().put("sustainedScansPerSecond", tg);
    if (rawRoofScans() > 0) {
      out.put("toCassandraSingleInserts", round3(tg / rawRoofScans()));
    }
    if (cassandraRoof.size() > 1) {
      out.put("toCassandraVisitLog", round3(tg / cassandraRoof.get(1).scansPerSecond()));
    }
    if (bareRoof != null) {
      out.put("toBareVertx", round3(tg / bareRoof.throughput()));
    }
    if (saturation != null && bareRoof != null) {
      out.put("closedLoopToBareVertx", round3(saturation.throughput() / bareRoof.throughput()));
    }
    if (saturation != null && rawRoofScans() > 0) {
      out.put("closedLoopToCassandraSingleInserts", round3(saturation.throughput() / rawRoofScans()));
    }
    CpuCost.RoofBound bound = roofBound();
    if (bound != null) {
      out.put("cassandraSingleInsertsShareAllowedByFloor", round3(bound.floorShare()))
          .put("roofTargetBudgetMicrosPerScan", Math.round(bound.budgetMicros()))
          .put("roofTargetRowsAndBareRequestMicros", Math.round(bound.minimumMicros()))
          .put("roofTargetLeftForTraceGateMicros", Math.round(bound.leftMicros()))
          .put("atBusyShareOfCores", CpuCost.KNEE_BUSY);
    }
    return out;
  }

  private static JsonObject closedJson(ClosedLoopDriver.Result r) {
    return r == null ? null : r.tally().toJson(r.seconds()).put("connections", r.concurrency())
        .put("seconds", r.seconds());
  }

  /** Each target: what, measured, MET / MISSED by how much / NOT MEASURED. */
  List<String[]> verdicts() {
    List<String[]> out = new java.util.ArrayList<>();
    if (options.isRamp()) {
      double k = sustained();
      out.add(new String[] {"knee ≥ 5,000 scans/s (p99 ≤ " + fmt(options.kneeP99Ms()) + " ms, no errors)",
          fmt(k) + " scans/s", k >= KNEE_TARGET ? "MET" : "MISSED by " + fmt(KNEE_TARGET - k) + "/s ("
          + Math.round((1 - k / KNEE_TARGET) * 100) + "% short)"});
      if (rawRoofScans() > 0) {
        double share = k / rawRoofScans();
        out.add(new String[] {"knee ≥ 0.6 × raw Cassandra roof (" + fmt(rawRoofScans()) + " scans/s)",
            round3(share) + " ×", share >= ROOF_SHARE_TARGET ? "MET" : "MISSED by " + round3(ROOF_SHARE_TARGET - share)
            + " × (" + fmt(ROOF_SHARE_TARGET * rawRoofScans() - k) + " scans/s)" + boundNote()});
      }
    } else {
      Tally t = run.sum(false);
      boolean atTarget = Math.abs(options.rate() - STEADY_RATE) < 1;
      double p99 = t.millisAt(99);
      boolean met = p99 <= STEADY_P99_MS && t.errorCount() == 0 && t.unsentCount() == 0 && noLoss.lost() == 0;
      String span = fmt(options.durationSeconds()) + " s" + (options.durationSeconds() >= 300 ? "" : " (target asks 300 s)");
      out.add(new String[] {"at 2,000 scans/s for 5 min: p99 ≤ 20 ms, no errors, none lost",
          fmt(options.rate()) + "/s for " + span + ": p99 " + fmt2(p99) + " ms, " + t.errorCount() + " errors, "
              + t.unsentCount() + " not sent, " + noLoss.lost() + " lost",
          !atTarget ? "NOT MEASURED (rate is not 2,000/s)" : met ? (options.durationSeconds() >= 300 ? "MET" : "MET over "
              + span) : "MISSED" + (p99 > STEADY_P99_MS ? " (p99 " + fmt2(p99 - STEADY_P99_MS) + " ms over)" : "")});
    }
    out.add(new String[] {"nothing acknowledged is lost", noLoss.acknowledged() + " acknowledged, "
        + noLoss.inVisitsByWorker() + " in visits_by_worker, " + noLoss.inVisitsByCheckpoint()
        + " in visits_by_checkpoint", noLoss.lost() == 0 ? "MET" : "MISSED: " + noLoss.lost() + " lost"});
    JsonObject h = heap.toJson();
    JsonObject old = h.getJsonObject("oldGenerationMb");
    out.add(new String[] {"gateway heap stays bounded", "max " + fmt(heap.maxUsedMb()) + " MB in use of "
        + fmt(h.getDouble("heapMaxMb")) + " MB; old generation " + old.getValue("first") + " MB at the start, "
        + old.getValue("max") + " MB at most, " + old.getValue("last") + " MB at the end",
        heap.samples().isEmpty() ? "NOT MEASURED" : heap.maxUsedMb() < h.getDouble("heapMaxMb") ? "MET" : "MISSED"});
    return out;
  }

  static String fmt(double v) {
    return String.format("%,.0f", v);
  }

  static String fmt2(double v) {
    return String.format("%,.2f", v);
  }

  static double round3(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The Markdown summary: verdict first, then the numbers behind it. */
  public String toMarkdown() {
    return new ReportMarkdown(this).render();
  }

  Schedule schedule() {
    return run.schedule();
  }
}
