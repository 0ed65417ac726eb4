package vn.tracegate.loadtest;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * CPU time per operation, from the per-process CPU samples of a phase or step: the figure that
 * holds when other sessions share the machine. {@code projected} is the rate the same processes
 * would reach if they had all the machine's cores to themselves (cores × 100% ÷ their % per op/s);
 * it assumes the cost per operation stays flat as the rate grows, which queues and GC make
 * optimistic near saturation, so the report shows it beside, never instead of, what was measured.
 */
record CpuCost(JsonObject cpu, double rate) {

  static final List<String> STACK = List.of("gateway", "cassandra", "redis", "driver");

  /** Microseconds of CPU per operation spent in {@code process}; NaN when not sampled. */
  double micros(String process) {
    Object pct = cpu.getValue(process);
    return pct instanceof Number n && rate > 0 ? n.doubleValue() / 100 * 1e6 / rate : Double.NaN;
  }

  double micros(List<String> processes) {
    double sum = 0;
    for (String p : processes) {
      double m = micros(p);
      if (!Double.isNaN(m)) {
        sum += m;
      }
    }
    return sum;
  }

  /** Operations per second these processes would carry on {@code cores} cores of their own. */
  double projected(List<String> processes, int cores) {
    double us = micros(processes);
    return us <= 0 ? 0 : cores * 1e6 / us;
  }

  /**
   * The least CPU a scan can cost on this machine, from the ceilings of one run: its two visit rows
   * written by the Java driver as the gateway batches them (Cassandra + client), one bare Vert.x
   * {@code POST} (server + HTTP client), and Redis's share of a scan at TraceGate's saturation. None
   * of it is TraceGate's own code, so no gateway can make a scan cheaper than {@link #micros()}.
   */
  record Floor(double rowsMicros, double httpMicros, double redisMicros) {

    /**
     * From the phases' CPU averages and the rates measured in them; null when a ceiling was not
     * measured (or its CPU not sampled).
     */
    static Floor of(JsonObject phases, double visitLogRowsPerSecond, double bareRequestsPerSecond,
        double closedLoopScansPerSecond) {
      double rows = 2 * new CpuCost(phases.getJsonObject("cassandraVisitLog", new JsonObject()), visitLogRowsPerSecond)
          .micros(List.of("cassandra", "driver"));
      double http = new CpuCost(phases.getJsonObject("bareVertx", new JsonObject()), bareRequestsPerSecond)
          .micros(List.of("bare", "driver"));
      double redis = new CpuCost(phases.getJsonObject("traceGateClosedLoop", new JsonObject()),
          closedLoopScansPerSecond).micros("redis");
      return rows > 0 && http > 0 && redis > 0 ? new Floor(rows, http, redis) : null;
    }

    double micros() {
      return rowsMicros + httpMicros + redisMicros;
    }

    /** Scans a second with every core busy on nothing but the floor. */
    double scansPerSecond(int cores) {
      return cores * 1e6 / micros();
    }
  }

  /** The share of the machine's cores a knee can keep busy and still hold p99 ≤ 50 ms (headroom for pauses). */
  static final double KNEE_BUSY = 0.8;

  /**
   * What the roof-share target leaves a scan on this machine, from one run's ceilings, with
   * {@link #KNEE_BUSY} of its cores busy: the CPU a scan may cost in all at {@code targetShare} of the
   * raw roof ({@link #budgetMicros}), of which two rows written the cheaper of the roof's two ways
   * (single-row inserts or the gateway's batches) and one bare Vert.x request take
   * {@link #minimumMicros}: the rest is all TraceGate may spend (its own code, Redis, the load
   * driver's part beyond a bare request). {@link #floorShare} is the share the {@link Floor} allows.
   */
  record RoofBound(double budgetMicros, double minimumMicros, double floorShare) {

    /** Null when a ceiling or its CPU was not measured. */
    static RoofBound of(JsonObject phases, int cores, double singleInsertRowsPerSecond, Floor floor,
        double targetShare) {
      if (floor == null || singleInsertRowsPerSecond <= 0) {
        return null;
      }
      double rowMicros = new CpuCost(phases.getJsonObject("cassandraSingleInserts", new JsonObject()),
          singleInsertRowsPerSecond).micros(List.of("cassandra", "driver"));
      if (rowMicros <= 0) {
        return null;
      }
      double roofScans = singleInsertRowsPerSecond / 2;
      double usable = KNEE_BUSY * cores * 1e6;
      return new RoofBound(usable / (targetShare * roofScans),
          Math.min(2 * rowMicros, floor.rowsMicros()) + floor.httpMicros(), usable / floor.micros() / roofScans);
    }

    /** What is left for TraceGate's own work a scan; negative when the rows and a bare request alone exceed it. */
    double leftMicros() {
      return budgetMicros - minimumMicros;
    }
  }

  static String us(double micros) {
    return Double.isNaN(micros) ? "–" : String.format("%,.0f", micros);
  }
}
