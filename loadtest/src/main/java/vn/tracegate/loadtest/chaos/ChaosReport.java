package vn.tracegate.loadtest.chaos;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import vn.tracegate.loadtest.verify.AckedScans;
import vn.tracegate.loadtest.verify.NoLossCheck;

/**
 * What a chaos run found, per phase and in total, with the fault timeline and the verdicts, as
 * {@code report.json} and {@code report.md}. Lost means acknowledged (200 or 201) but missing from
 * a visit table; a duplicate is a scanId on two rows of one table.
 */
public record ChaosReport(ChaosOptions options, String command, Instant started, double loadSeconds,
    JsonObject machine, JsonObject park, List<PhaseTally> phases, PhaseTally total, List<FaultEvent> timeline,
    List<String> sampleLost) {

  static ChaosReport of(ChaosOptions o, String command, Instant started, double loadSeconds, JsonObject machine,
      ChaosDriver driver, NoLossCheck.Found found, List<FaultEvent> timeline, JsonObject park) {
    List<PhaseTally> phases = driver.phases();
    AckedScans sent = driver.sent();
    BitSet acked = driver.acknowledged();
    List<String> sampleLost = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      PhaseTally t = phases.get(driver.phaseOf(i));
      boolean inWorker = found.inVisitsByWorker().get(i);
      boolean inCheckpoint = found.inVisitsByCheckpoint().get(i);
      t.storedByWorker += inWorker ? 1 : 0;
      t.storedByCheckpoint += inCheckpoint ? 1 : 0;
      t.duplicates += found.duplicated().get(i) ? 1 : 0;
      if (acked.get(i) && !(inWorker && inCheckpoint)) {
        t.lost++;
        if (sampleLost.size() < 10) {
          sampleLost.add(sent.scanId(i) + " (" + t.name + (inWorker ? ", in visits_by_worker only"
              : inCheckpoint ? ", in visits_by_checkpoint only" : ", in neither table") + ")");
        }
      }
      if (!acked.get(i) && (inWorker || inCheckpoint)) {
        t.storedNotAcknowledged++;
      }
    }
    PhaseTally total = new PhaseTally("total");
    phases.forEach(total::add);
    return new ChaosReport(o, command, started, loadSeconds, machine, park, phases, total, timeline, sampleLost);
  }

  /** 3 when anything acknowledged is lost or stored twice; 4 when a fault was not injected or not recovered. */
  public int exitStatus() {
    if (total.lost > 0 || total.duplicates > 0) {
      return 3;
    }
    return timeline.stream().allMatch(e -> e.injected() && e.recovered()) ? 0 : 4;
  }

  /** Rows of (what, measured, MET / MISSED). */
  public List<String[]> verdicts() {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"nothing acknowledged is lost", total.acknowledged + " acknowledged, "
        + total.storedByWorker + " in visits_by_worker, " + total.storedByCheckpoint + " in visits_by_checkpoint",
        total.lost == 0 ? "MET" : "MISSED: " + total.lost + " lost"});
    out.add(new String[] {"no scan stored twice", total.retriedScans + " scans retried (" + total.ack200
        + " answered 200 replay)", total.duplicates == 0 ? "MET" : "MISSED: " + total.duplicates + " duplicated"});
    for (FaultEvent e : timeline) {
      PhaseTally t = phases.get(e.phase());
      out.add(new String[] {e.fault().cliName() + ": injected and recovered", !e.injected()
          ? e.inject().command() + " failed (exit " + e.inject().exit() + ")" : !e.recovered()
          ? (e.heal().ok() ? "no 2xx within " + ChaosMain.fmt(options.recoverWithinSeconds()) + " s of the heal"
          : e.heal().command() + " failed (exit " + e.heal().exit() + ")")
          : "first 2xx " + e.recoverySeconds() + " s after the heal, outage " + e.outageSeconds() + " s",
          e.injected() && e.recovered() ? "MET" : "MISSED"});
      out.add(expectation(e.fault(), t));
    }
    return out;
  }

  private String[] expectation(Fault f, PhaseTally t) {
    String what = f.cliName() + ": " + f.expectation(options.cluster());
    long failed = t.refusedTotal() + t.transportTotal();
    boolean met = switch (f) {
      case REDIS -> failed == 0 && t.staleWarnings > 0 && t.lost == 0;
      case GATEWAY -> t.retriedScans > 0 && t.duplicates == 0 && t.lost == 0 && t.abandoned == 0
          && t.refusedByStatus.keySet().stream().noneMatch(s -> s.startsWith("4"));
      case CASSANDRA -> options.cluster() ? failed == 0 && t.lost == 0
          : t.refusedByStatus.keySet().stream().anyMatch(s -> s.startsWith("503"))
          && t.refusedByStatus.keySet().stream().noneMatch(s -> s.contains("without Retry-After") || s.startsWith("500"))
          && t.lost == 0;
    };
    return new String[] {what, "answers in the phase: " + answers(t), met ? "MET" : "MISSED"};
  }

  /** "201 ×N, 200 ×N, 503 ×N, ConnectException ×N", in that order. */
  static String answers(PhaseTally t) {
    List<String> parts = new ArrayList<>();
    if (t.ack201 > 0) {
      parts.add("201 ×" + t.ack201);
    }
    if (t.ack200 > 0) {
      parts.add("200 ×" + t.ack200);
    }
    if (t.ackOther2xx > 0) {
      parts.add("other 2xx ×" + t.ackOther2xx);
    }
    for (Map<String, Long> m : List.of(t.refusedByStatus, t.transportErrors)) {
      m.forEach((k, v) -> parts.add(k + " ×" + v));
    }
    if (t.staleWarnings > 0) {
      parts.add("PRESENCE_STALE on " + t.staleWarnings);
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  public JsonObject toJson() {
    JsonArray phaseJson = new JsonArray();
    phases.forEach(p -> phaseJson.add(p.toJson()));
    JsonArray timelineJson = new JsonArray();
    timeline.forEach(e -> timelineJson.add(e.toJson()));
    JsonArray verdictJson = new JsonArray();
    verdicts().forEach(v -> verdictJson.add(new JsonObject().put("what", v[0]).put("measured", v[1])
        .put("result", v[2])));
    JsonArray faults = new JsonArray();
    options.faults().forEach(f -> faults.add(f.cliName()));
    return new JsonObject()
        .put("command", command)
        .put("startedAt", started.toString())
        .put("options", new JsonObject().put("rate", options.rate()).put("durationSeconds", options.durationSeconds())
            .put("phaseSeconds", options.phaseSeconds()).put("downSeconds", options.downSeconds())
            .put("faults", faults).put("cluster", options.cluster()).put("quick", options.quick())
            .put("workers", options.workers()).put("seed", options.seed())
            .put("retryForSeconds", options.retryForSeconds()).put("recoverWithinSeconds", options.recoverWithinSeconds())
            .put("maxInFlight", options.maxInFlight()).put("connections", options.connections()))
        .put("machine", machine)
        .put("park", park)
        .put("loadSeconds", loadSeconds)
        .put("total", total.toJson())
        .put("phases", phaseJson)
        .put("timeline", timelineJson)
        .put("sampleLost", new JsonArray(new ArrayList<>(sampleLost)))
        .put("verdicts", verdictJson)
        .put("exitStatus", exitStatus());
  }

  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    String faults = String.join(", ", options.faults().stream().map(Fault::cliName).toList());
    md.append("# TraceGate chaos run: ").append(faults).append(options.cluster() ? " (three-node Cassandra)" : "")
        .append(", ").append(ChaosMain.fmt(options.rate())).append(" scans/s\n\n");
    md.append("Started ").append(started).append("; ").append(loadSeconds).append(" s of load in phases of ")
        .append(ChaosMain.fmt(options.phaseSeconds())).append(" s (a phase runs until its fault has recovered),")
        .append(" each fault held ").append(ChaosMain.fmt(options.downSeconds())).append(" s; ")
        .append(options.workers()).append(" workers. ").append(machine.getString("summary", "")).append("\n\n");
    md.append("Command: `").append(command).append("`\n\n");
    md.append("## Verdict\n\n| what | measured | result |\n|---|---|---|\n");
    for (String[] v : verdicts()) {
      md.append("| ").append(v[0]).append(" | ").append(v[1]).append(" | **").append(v[2]).append("** |\n");
    }
    md.append("\n## Fault timeline\n\nSeconds since the load started: injected = the fault command began,"
        + " healed = the heal command returned (a start returns once the service answers); first 2xx = the"
        + " gateway's first 2xx since the heal began, counted from the heal's end (0 when sooner); outage ="
        + " from the injection to that first 2xx.\n\n");
    md.append("| fault | injected | command | healed | command | first 2xx after heal | outage |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (FaultEvent e : timeline) {
      md.append("| ").append(e.fault().cliName()).append(" | ").append(e.injectedAtSecond()).append(" s | `")
          .append(e.inject().command()).append("` ").append(e.inject().seconds()).append(" s | ")
          .append(e.healedAtSecond()).append(" s | `").append(e.heal().command()).append("` ")
          .append(e.heal().seconds()).append(" s | ")
          .append(e.recovered() ? e.recoverySeconds() + " s" : "none").append(" | ")
          .append(e.recovered() ? e.outageSeconds() + " s" : "—").append(" |\n");
    }
    md.append("\n## Scans by the phase they were first sent in\n\nLost = acknowledged but missing from a visit"
        + " table; given up = no 2xx within the retry window, or a final 4xx.\n\n");
    md.append("| phase | sent | acknowledged | retried | given up | in visits_by_worker | in visits_by_checkpoint"
        + " | lost | duplicates | time to ack p50 / p99 |\n|---|---|---|---|---|---|---|---|---|---|\n");
    List<PhaseTally> rows = new ArrayList<>(phases);
    rows.add(total);
    for (PhaseTally t : rows) {
      md.append("| ").append(t == total ? "**total**" : t.name).append(" | ").append(t.sent).append(" | ")
          .append(t.acknowledged).append(" | ").append(t.retriedScans).append(" | ").append(t.abandoned + t.rejected)
          .append(" | ").append(t.storedByWorker).append(" | ").append(t.storedByCheckpoint).append(" | ")
          .append(t.lost).append(" | ").append(t.duplicates).append(" | ").append(ChaosMain.fmt(t.ackMillisAt(50)))
          .append(" / ").append(ChaosMain.fmt(t.ackMillisAt(99))).append(" ms |\n");
    }
    md.append("\n## Answers by the phase they came in\n\nOne per attempt, retries included.\n\n");
    md.append("| phase | attempts (retries) | 201 | 200 replay | refused by status | client errors |"
        + " PRESENCE_STALE |\n|---|---|---|---|---|---|---|\n");
    for (PhaseTally t : rows) {
      md.append("| ").append(t == total ? "**total**" : t.name).append(" | ").append(t.attempts).append(" (")
          .append(t.retryAttempts).append(") | ").append(t.ack201).append(" | ").append(t.ack200).append(" | ")
          .append(counts(t.refusedByStatus)).append(" | ").append(counts(t.transportErrors)).append(" | ")
          .append(t.staleWarnings).append(" |\n");
    }
    md.append("\nStored but never acknowledged (the client gave up, or a 4xx): ").append(total.storedNotAcknowledged)
        .append(". Not sent because ").append(options.maxInFlight()).append(" requests were in flight: ")
        .append(total.unsent).append(". PRESENCE_STALE warnings: ").append(total.staleWarnings).append(".\n");
    if (!sampleLost.isEmpty()) {
      md.append("\nLost, for example: ").append(String.join("; ", sampleLost)).append("\n");
    }
    md.append("\nScanners retry every unacknowledged scan with the same request (same scanId) after its"
        + " `Retry-After` or a backoff of 0.25 s doubling to 5 s, for at most ")
        .append(ChaosMain.fmt(options.retryForSeconds())).append(" s; a 4xx other than 408/429 is final.\n");
    return md.toString();
  }

  private static String counts(Map<String, Long> m) {
    if (m.isEmpty()) {
      return "0";
    }
    List<String> parts = new ArrayList<>();
    m.forEach((k, v) -> parts.add(k + ": " + v));
    return String.join(", ", parts);
  }
}
