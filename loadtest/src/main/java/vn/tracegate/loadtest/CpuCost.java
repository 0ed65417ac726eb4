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

  static String us(double micros) {
    return Double.isNaN(micros) ? "–" : String.format("%,.0f", micros);
  }
}
