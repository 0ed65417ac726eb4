package vn.tracegate.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import vn.tracegate.loadtest.driver.ClosedLoopDriver;
import vn.tracegate.loadtest.driver.Knee;
import vn.tracegate.loadtest.driver.Schedule;
import vn.tracegate.loadtest.driver.Stalls;
import vn.tracegate.loadtest.driver.Tally;
import vn.tracegate.loadtest.roof.CassandraRoof;

/** Renders a {@link RunReport} as {@code report.md}. */
final class ReportMarkdown {

  private final RunReport r;
  private final StringBuilder md = new StringBuilder();

  ReportMarkdown(RunReport report) {
    this.r = report;
  }

  String render() {
    LoadOptions o = r.options();
    String shape = o.isRamp() ? "ramp " + o.ramp().stream().map(RunReport::fmt).toList() + " scans/s, "
        + RunReport.fmt(o.stepSeconds()) + " s a step" : RunReport.fmt(o.rate()) + " scans/s for "
        + RunReport.fmt(o.durationSeconds()) + " s" + (o.chunkSeconds() > 0 && o.chunkSeconds() < o.durationSeconds()
        ? " in chunks of " + RunReport.fmt(r.schedule().steps().get(r.schedule().steps().size() - 1).seconds()) + " s"
        : "");
    line("# TraceGate load test: " + o.scenario().cliName() + ", " + shape);
    line("");
    line("Started " + r.run().startedAt() + "; seed " + o.seed() + ", " + String.format("%,d", o.workers())
        + " workers; " + o.connections() + " connections, at most " + o.maxInFlight() + " requests in flight.");
    line("Command: `" + r.command() + "`");
    line("");
    line("Everything runs on one machine: " + r.machine().getString("summary") + ". The load driver is its own JVM,"
        + " sharing the cores with the gateway, Cassandra and Redis; the CPU table shows who used what.");
    line("");
    line("## Verdict");
    line("");
    line("| target | measured | result |");
    line("|---|---|---|");
    for (String[] v : r.verdicts()) {
      line("| " + v[0] + " | " + v[1] + " | **" + v[2] + "** |");
    }
    line("");
    ceilings();
    steps();
    costs();
    noLoss();
    line("## Latency over time");
    line("");
    line("![latency, throughput and heap over the run](latency.png)");
    line("");
    line("Latency is measured from each request's intended send time (open model, no coordinated omission);"
        + " \"not sent\" counts requests due while " + o.maxInFlight() + " were already in flight.");
    return md.toString();
  }

  private void ceilings() {
    line("## Ceilings measured in this run");
    line("");
    double tg = r.sustained();
    String what = r.options().isRamp() ? "knee" : "2xx answers per second at the constant rate";
    line("TraceGate sustained **" + RunReport.fmt(tg) + " scans/s** (" + what + ").");
    line("");
    line("| ceiling | measured | TraceGate as a share |");
    line("|---|---|---|");
    for (CassandraRoof.Result c : r.cassandraRoof()) {
      line("| Cassandra, " + c.mode() + ", " + c.rowsInFlight() + " rows in flight | " + RunReport.fmt(c.rowsPerSecond())
          + " rows/s = " + RunReport.fmt(c.scansPerSecond()) + " scans/s" + (c.errors() > 0 ? ", " + c.errors()
          + " errors" : "") + " | " + share(tg, c.scansPerSecond()) + " |");
    }
    closed("bare Vert.x `POST /v1/scans` (router + JSON, no stores), closed loop", r.bareRoof(), tg);
    closed("TraceGate `POST /v1/scans`, closed loop (saturation, not a latency target)", r.saturation(), -1);
    line("");
    line(r.cassandraWarmup() == null ? "No Cassandra warm-up ran before the open model (--cassandra-warmup 0): its"
        + " first flush and first compaction, and the JIT compiling them, fall in the measured steps."
        : "Before the open model, a Cassandra warm-up (keyspace of the roof, emptied afterwards): "
        + r.cassandraWarmup().describe() + ".");
    line("");
  }

  private void closed(String what, ClosedLoopDriver.Result c, double tg) {
    if (c == null) {
      return;
    }
    Tally t = c.tally();
    line("| " + what + ", " + c.concurrency() + " connections | " + RunReport.fmt(c.throughput()) + " req/s (p50 "
        + RunReport.fmt2(t.millisAt(50)) + " ms, p99 " + RunReport.fmt2(t.millisAt(99)) + " ms"
        + (t.errorCount() > 0 ? ", " + t.errorCount() + " errors " + t.errors() : "") + ") | "
        + (tg >= 0 ? share(tg, c.throughput()) : share(c.throughput(), r.bareRoof() == null ? 0
        : r.bareRoof().throughput()) + " of bare Vert.x; " + share(c.throughput(), r.rawRoofScans())
        + " of raw Cassandra") + " |");
  }

  private static String share(double part, double whole) {
    return whole <= 0 ? "–" : RunReport.round3(part / whole) + " ×";
  }

  private void steps() {
    line("## Steps");
    line("");
    JsonObject cpu = r.cpu().getJsonObject("steps", new JsonObject());
    line("| arrival/s | s | sent | 2xx | errors | not sent | p50 ms | p99 ms | p99.9 ms | max ms | CPU % (one core = 100):"
        + " gateway / cassandra / redis / driver / other, host steal |");
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    List<Schedule.Step> steps = r.schedule().steps();
    for (int k = 0; k < steps.size(); k++) {
      Schedule.Step s = steps.get(k);
      Tally t = r.run().stepTally(k);
      JsonObject c = cpu.getJsonObject(Integer.toString(k), new JsonObject());
      line("| " + RunReport.fmt(s.rate()) + (s.warmup() ? " (warm-up)" : "") + " | " + RunReport.fmt(s.seconds())
          + " | " + t.sentCount() + " | " + t.okCount() + " | " + t.errorCount() + (t.errorCount() > 0 ? " "
          + t.errors() : "") + " | " + t.unsentCount() + " | " + RunReport.fmt2(t.millisAt(50)) + " | "
          + RunReport.fmt2(t.millisAt(99)) + " | " + RunReport.fmt2(t.millisAt(99.9)) + " | "
          + RunReport.fmt2(t.okCount() == 0 ? 0 : t.latency().getMaxValue() / 1000.0) + " | " + cpuCell(c)
          + contention(c) + " |");
    }
    List<String> perWrite = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      JsonObject c = cpu.getJsonObject(Integer.toString(k), new JsonObject());
      if (c.containsKey("scansPerWrite")) {
        perWrite.add(RunReport.fmt(steps.get(k).rate()) + "/s " + c.getDouble("scansPerWrite"));
      }
    }
    if (!perWrite.isEmpty()) {
      line("\nScans a Cassandra write request carried (both rows of each; group commit): "
          + String.join(" · ", perWrite) + ".");
    }
    gc(cpu, steps);
    coreSpeed(cpu, steps);
    r.knee().ifPresent(k -> line("\nKnee: **" + RunReport.fmt(k.rate()) + " scans/s** (p99 "
        + RunReport.fmt2(k.p99Ms()) + " ms)."));
    if (r.options().isRamp() && r.knee().isEmpty()) {
      line("\nNo knee: the first step already missed p99 ≤ " + RunReport.fmt(r.options().kneeP99Ms())
          + " ms or had errors.");
    }
    if (r.options().isRamp()) {
      Knee.outcomes(r.run()).stream().filter(s -> !s.holds(r.options().kneeP99Ms())).findFirst().ifPresent(s ->
          line("\nFirst step that failed: " + RunReport.fmt(s.rate()) + "/s (p99 " + RunReport.fmt2(s.p99Ms())
              + " ms, " + s.errors() + " errors, " + s.unsent() + " not sent)."));
    }
    if (r.run().stalls() != null) {
      double limit = r.options().kneeP99Ms();
      int[] slow = r.run().slowSeconds(limit);
      line("\nThe driver's own stalls (a thread that sleeps " + RunReport.fmt(Stalls.TICK_NANOS / 1e6)
          + " ms and records how late it wakes, as jHiccup does): p99.9 "
          + RunReport.fmt2(r.run().stalls().percentileMs(99.9)) + " ms, max "
          + RunReport.fmt2(r.run().stalls().maxMs()) + " ms. Of the " + slow[0] + " measured seconds whose p99 was over "
          + RunReport.fmt(limit) + " ms, the driver itself stalled over " + RunReport.fmt(limit / 2) + " ms in "
          + slow[1] + " (per second in report.json, column driverStallMaxMs).");
    }
    line("");
    line("CPU by phase (% of one core; \"other\" is every process not watched, e.g. builds and tests of other"
        + " sessions on this machine; \"host steal\" is time the hypervisor gave these cores to other guests while"
        + " this machine had work, which no process here sees as its own; \"machine\" is busy time without it):");
    line("");
    line("| phase | gateway | cassandra | redis | driver | bare Vert.x | other | host steal | machine |");
    line("|---|---|---|---|---|---|---|---|---|");
    JsonObject phases = r.cpu().getJsonObject("phases", new JsonObject());
    JsonObject quiet = r.cpu().getJsonObject("quietBeforePhases", new JsonObject());
    for (String name : phases.fieldNames()) {
      JsonObject c = phases.getJsonObject(name);
      line("| " + name + " | " + c.getValue("gateway", "–") + " | " + c.getValue("cassandra", "–") + " | "
          + c.getValue("redis", "–") + " | " + c.getValue("driver", "–") + " | " + c.getValue("bare", "–") + " | "
          + c.getValue("other", "–") + " | " + c.getValue("steal", "–") + " | " + c.getValue("machine", "–") + " |");
    }
    line("");
    line("Before each phase the test waited (up to " + RunReport.fmt(r.options().quietWaitSeconds()) + " s) for other"
        + " processes and host steal together to take less than " + RunReport.fmt(r.options().quietBelow())
        + "% of a core: " + quiet.encode() + ". Steps marked ⚠ had more than that taken from them while they ran"
        + " (\"contended\" by other processes, \"host steal\" by the hypervisor).");
    line("");
  }

  /** CPU time per scan, per row, per request: what holds when others share the machine. */
  private void costs() {
    int cores = r.machine().getInteger("cores", 2);
    line("## CPU cost per operation");
    line("");
    line("CPU time per scan (µs, from each process's own CPU time, so other sessions on the machine do not inflate"
        + " it) and the rate the same processes would carry with all " + cores + " cores to themselves (assumes a flat"
        + " cost per scan, optimistic near saturation):");
    line("");
    line("| step | gateway | cassandra | redis | driver | total | projected scans/s (with driver / without) |");
    line("|---|---|---|---|---|---|---|");
    JsonObject steps = r.cpu().getJsonObject("steps", new JsonObject());
    List<Schedule.Step> all = r.schedule().steps();
    for (int k = 0; k < all.size(); k++) {
      if (all.get(k).warmup()) {
        continue;
      }
      double rate = r.run().stepTally(k).okCount() / all.get(k).seconds();
      CpuCost c = new CpuCost(steps.getJsonObject(Integer.toString(k), new JsonObject()), rate);
      line("| " + RunReport.fmt(all.get(k).rate()) + "/s | " + CpuCost.us(c.micros("gateway")) + " | "
          + CpuCost.us(c.micros("cassandra")) + " | " + CpuCost.us(c.micros("redis")) + " | "
          + CpuCost.us(c.micros("driver")) + " | " + CpuCost.us(c.micros(CpuCost.STACK)) + " | "
          + RunReport.fmt(c.projected(CpuCost.STACK, cores)) + " / "
          + RunReport.fmt(c.projected(CpuCost.STACK.subList(0, 3), cores)) + " |");
    }
    jit(steps, all);
    JsonObject phases = r.cpu().getJsonObject("phases", new JsonObject());
    line("");
    line("| ceiling | CPU µs per op | projected on " + cores + " free cores |");
    line("|---|---|---|");
    for (int i = 0; i < r.cassandraRoof().size(); i++) {
      CassandraRoof.Result c = r.cassandraRoof().get(i);
      String phase = i == 0 ? "cassandraSingleInserts" : "cassandraVisitLog";
      CpuCost cost = new CpuCost(phases.getJsonObject(phase, new JsonObject()), c.rowsPerSecond());
      List<String> who = List.of("cassandra", "driver");
      line("| Cassandra, " + c.mode() + " (cassandra + driver, per row) | " + CpuCost.us(cost.micros(who)) + " | "
          + RunReport.fmt(cost.projected(who, cores)) + " rows/s = " + RunReport.fmt(cost.projected(who, cores) / 2)
          + " scans/s |");
    }
    if (r.bareRoof() != null) {
      CpuCost cost = new CpuCost(phases.getJsonObject("bareVertx", new JsonObject()), r.bareRoof().throughput());
      line("| bare Vert.x (server + driver, per request) | " + CpuCost.us(cost.micros(List.of("bare", "driver")))
          + " | " + RunReport.fmt(cost.projected(List.of("bare", "driver"), cores)) + " req/s |");
    }
    if (r.saturation() != null) {
      CpuCost cost = new CpuCost(phases.getJsonObject("traceGateClosedLoop", new JsonObject()),
          r.saturation().throughput());
      line("| TraceGate closed loop (gateway + cassandra + redis + driver, per scan) | "
          + CpuCost.us(cost.micros(CpuCost.STACK)) + " | " + RunReport.fmt(cost.projected(CpuCost.STACK, cores))
          + " scans/s |");
    }
    line("");
    floor(cores);
  }

  /** What the ceilings say this machine allows a scan at best, before any of TraceGate's own code. */
  private void floor(int cores) {
    CpuCost.Floor f = r.floor();
    if (f == null) {
      return;
    }
    double kneeAt80 = f.scansPerSecond(cores) * CpuCost.KNEE_BUSY;
    line("**The floor of this machine** (same run): two visit rows as the gateway writes them "
        + CpuCost.us(f.rowsMicros()) + " µs (Cassandra and the JVM writing them), a bare Vert.x request "
        + CpuCost.us(f.httpMicros()) + " µs (server + client), Redis's share of a scan at saturation " + CpuCost.us(f.redisMicros()) + " µs: "
        + CpuCost.us(f.micros()) + " µs a scan before any of TraceGate's own code, so at most "
        + RunReport.fmt(f.scansPerSecond(cores)) + " scans/s with all " + cores + " cores busy and about "
        + RunReport.fmt(kneeAt80) + " at " + Math.round(CpuCost.KNEE_BUSY * 100) + " % busy, about what a knee (p99 ≤ 50 ms, which needs headroom)"
        + " can hold here"
        + (kneeAt80 < 5_000 ? ": below the 5,000 scans/s target before the gateway does any work." : ".")
        + " The load driver shares these cores; on its own machine the floor is lower.");
    CpuCost.RoofBound b = r.roofBound();
    if (b != null) {
      double roof = r.rawRoofScans();
      line("");
      line("**What the 0.6 × target leaves a scan** (raw roof " + RunReport.fmt(roof) + " scans/s, so "
          + RunReport.fmt(RunReport.ROOF_SHARE_TARGET * roof) + " scans/s): with " + Math.round(CpuCost.KNEE_BUSY * 100)
          + " % of the " + cores + " cores busy, " + CpuCost.us(b.budgetMicros()) + " µs of CPU a scan in all. Two rows"
          + " written the cheaper of the roof's two ways and one bare Vert.x request take " + CpuCost.us(b.minimumMicros())
          + " µs of it, which leaves **" + CpuCost.us(b.leftMicros()) + " µs** for everything else: the gateway's own"
          + " work (QR check, claim, presence, trace feed, JSON, metrics), Redis, and the load driver beyond a bare"
          + " request" + spentAtTopStep(b) + ". The floor above allows " + RunReport.round3(b.floorShare())
          + " × of the roof at " + Math.round(CpuCost.KNEE_BUSY * 100) + " % busy. The roof is Cassandra with every core to itself.");
    }
    line("");
  }

  /** What all of that cost a scan in the last measured step (the cheapest a scan, as costs fall with the rate). */
  private String spentAtTopStep(CpuCost.RoofBound b) {
    List<Schedule.Step> all = r.schedule().steps();
    int k = all.size() - 1;
    if (k < 0 || all.get(k).warmup()) {
      return "";
    }
    double rate = r.run().stepTally(k).okCount() / all.get(k).seconds();
    CpuCost c = new CpuCost(r.cpu().getJsonObject("steps", new JsonObject()).getJsonObject(Integer.toString(k),
        new JsonObject()), rate);
    double total = c.micros(CpuCost.STACK);
    return total <= 0 ? "" : "; at " + RunReport.fmt(all.get(k).rate()) + "/s in this run they took "
        + CpuCost.us(total - b.minimumMicros()) + " µs";
  }

  /** How much of each JVM's CPU in a measured step was still its JIT compiling: a warm-up too short shows here. */
  private void jit(JsonObject steps, List<Schedule.Step> all) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < all.size(); k++) {
      JsonObject step = steps.getJsonObject(Integer.toString(k), new JsonObject());
      JsonObject jit = step.getJsonObject("jit");
      if (all.get(k).warmup() || jit == null || jit.isEmpty()) {
        continue;
      }
      double rate = r.run().stepTally(k).okCount() / all.get(k).seconds();
      CpuCost jitCost = new CpuCost(jit, rate);
      List<String> jvms = new ArrayList<>();
      for (String process : jit.fieldNames()) {
        double processPct = step.getValue(process) instanceof Number n ? n.doubleValue() : 0;
        double share = processPct <= 0 ? 0 : jit.getDouble(process) / processPct * 100;
        jvms.add(process + " " + CpuCost.us(jitCost.micros(process)) + " (" + Math.round(share) + " %)");
      }
      parts.add(RunReport.fmt(all.get(k).rate()) + "/s: " + String.join(" · ", jvms));
    }
    if (!parts.isEmpty()) {
      line("");
      line("Of which the JVMs' JIT compiler threads (µs a scan, and share of that process's CPU in the step): "
          + String.join("; ", parts) + ". A JVM that has run for hours compiles next to nothing; a share of several %"
          + " means the warm-up (`--warmup`) ended before its hot paths were compiled.");
    }
  }

  /** The core probe on the quiet machine and in the steps: how fast this run's cores were. */
  private void coreSpeed(JsonObject cpu, List<Schedule.Step> steps) {
    JsonObject before = r.cpu().getJsonObject("quietBeforePhases", new JsonObject())
        .getJsonObject("openModel", new JsonObject());
    List<String> inSteps = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      Object us = cpu.getJsonObject(Integer.toString(k), new JsonObject()).getValue("coreProbeUs");
      if (us != null && !steps.get(k).warmup()) {
        inSteps.add(RunReport.fmt(steps.get(k).rate()) + "/s " + us);
      }
    }
    if (!before.containsKey("coreProbeUs") && inSteps.isEmpty()) {
      return;
    }
    line("\nCore speed (`CoreProbe`: µs of one core's CPU time for SHA-256 over 256 KiB, lower is faster): "
        + (before.containsKey("coreProbeUs") ? before.getValue("coreProbeUs") + " µs on the quiet machine before"
        + " the open model" : "not measured before the open model")
        + (inSteps.isEmpty() ? "" : "; median in the steps " + String.join(" · ", inSteps) + " µs") + ". The same"
        + " code runs at very different speeds from hour to hour on a shared host, with no steal to show for it"
        + " (README, Performance, session 14): compare runs at like core speeds.");
  }

  private static String cpuCell(JsonObject c) {
    if (c.isEmpty()) {
      return "–";
    }
    return c.getValue("gateway", "–") + " / " + c.getValue("cassandra", "–") + " / " + c.getValue("redis", "–") + " / "
        + c.getValue("driver", "–") + " / " + c.getValue("other", "–") + ", " + c.getValue("steal", "–")
        + " (machine " + c.getValue("machine") + (c.containsKey("coreProbeUs") ? ", core probe "
        + c.getValue("coreProbeUs") + " µs" : "") + ")";
  }

  /** Per step and process, the GC pauses from the processes' own GC logs, when the run had them. */
  private void gc(JsonObject cpu, List<Schedule.Step> steps) {
    List<String> processes = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      gcOf(cpu, k).fieldNames().stream().filter(p -> !processes.contains(p)).forEach(processes::add);
    }
    if (processes.isEmpty()) {
      return;
    }
    line("\nGC pauses in each step, from each process's GC log (pauses, ms stopped in all, the longest and its"
        + " kind; concurrent marking cycles):");
    line("");
    line("| arrival/s | " + String.join(" | ", processes) + " |");
    line("|---|" + "---|".repeat(processes.size()));
    for (int k = 0; k < steps.size(); k++) {
      JsonObject gc = gcOf(cpu, k);
      StringBuilder row = new StringBuilder("| " + RunReport.fmt(steps.get(k).rate())
          + (steps.get(k).warmup() ? " (warm-up)" : "") + " |");
      for (String p : processes) {
        JsonObject w = gc.getJsonObject(p);
        row.append(w == null ? " – |" : " " + w.getValue("pauses") + " · " + w.getValue("pauseMs") + " ms · max "
            + w.getValue("maxPauseMs") + " ms" + (w.containsKey("maxPauseKind") ? " (" + w.getString("maxPauseKind")
            + ")" : "") + " · " + w.getValue("concurrentCycles") + " marks |");
      }
      line(row.toString());
    }
  }

  /** Step {@code k}'s GC windows by process (empty when the run had no GC logs). */
  private static JsonObject gcOf(JsonObject cpu, int k) {
    return cpu.getJsonObject(Integer.toString(k), new JsonObject()).getJsonObject("gc", new JsonObject());
  }

  /** A step's mark when others took CPU from it: other processes, the host's steal, or both together. */
  private String contention(JsonObject c) {
    long other = c.getLong("other", 0L);
    long steal = c.getLong("steal", 0L);
    if (other + steal < r.options().quietBelow()) {
      return "";
    }
    return steal > other ? " ⚠ host steal" : " ⚠ contended";
  }

  private void noLoss() {
    var n = r.noLoss();
    line("## No-loss check");
    line("");
    line("Every scan answered 200/201 (open-model run and closed-loop saturation) was looked up in both visit tables"
        + " after the run (" + n.seconds() + " s):");
    line("");
    line("| acknowledged | in visits_by_worker | in visits_by_checkpoint | lost |");
    line("|---|---|---|---|");
    line("| " + n.acknowledged() + " | " + n.inVisitsByWorker() + " | " + n.inVisitsByCheckpoint() + " | **" + n.lost()
        + "** |");
    if (!n.sampleMissing().isEmpty()) {
      line("");
      line("Missing, for example: " + String.join("; ", n.sampleMissing()));
    }
    line("");
    JsonObject h = r.heap().toJson();
    line("## Gateway heap");
    line("");
    JsonObject old = h.getJsonObject("oldGenerationMb");
    line("Sampled from `/metrics` every 2 s (" + h.getInteger("samples") + " samples): at most **"
        + h.getDouble("maxUsedMb") + " MB** in use of " + h.getDouble("heapMaxMb") + " MB. Old generation: "
        + old.getValue("first") + " MB at the start, " + old.getValue("max") + " MB at most, lowest "
        + old.getValue("lastThirdMin") + " MB in the last third of the run, " + old.getValue("last") + " MB at the end"
        + (h.getValue("liveDataAfterLastOldGcMb") == null ? " (no old-generation collection ran)." : "; live data after"
        + " the last old-generation collection " + h.getValue("liveDataAfterLastOldGcMb") + " MB."));
    line("");
  }

  private void line(String s) {
    md.append(s).append('\n');
  }
}
