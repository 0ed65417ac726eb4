package vn.tracegate.loadtest.tracebench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.TraceNode;
import vn.tracegate.tracing.graph.TraceRequest;

/**
 * Runs traces of random F0s one after another (the latency of one trace, not of many at once),
 * after a warm-up, and prints their latency and what they found and read.
 */
final class TraceSeries {

  private final CqlSession session;
  private final java.util.function.Supplier<long[]> counts;
  private final Park park;
  private final ParkSpan span;
  private final int depth;
  private final CpuClock cpu;

  /** @param counts the visit log's read counters ({@link CountingVisitSource#snapshot}); zeros when none is read */
  TraceSeries(CqlSession session, java.util.function.Supplier<long[]> counts, Park park, ParkSpan span, int depth,
      CpuClock cpu) {
    this.session = session;
    this.counts = counts;
    this.park = park;
    this.span = span;
    this.depth = depth;
    this.cpu = cpu;
  }

  /**
   * {@code traces} measured traces with a window of {@code windowDays} ending at the park's end.
   * With {@code freshStatus} every worker's status is cleared before each trace (not timed), so
   * each trace raises every status it finds, as the first trace of an outbreak does.
   */
  void run(String label, int windowDays, int warmup, int traces, long seed, boolean freshStatus,
      Function<TraceRequest, Future<TraceGraph>> trace) throws Exception {
    Instant from = span.to().minus(Duration.ofDays(windowDays));
    Random random = new Random(seed * 31 + windowDays);
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    Histogram f1 = new Histogram(3);
    Histogram f2 = new Histogram(3);
    Histogram edges = new Histogram(3);
    Histogram[] reads = {new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3),
        new Histogram(3), new Histogram(3)};
    Histogram nodes = new Histogram(3);
    System.out.printf("%n== %s, window %d days, depth %d: %d warm-up + %d traces ==%n", label, windowDays, depth,
        warmup, traces);
    long started = System.nanoTime();
    int failures = 0;
    long benchCpu = 0;
    long cassandraCpu = 0;
    for (int i = 0; i < warmup + traces; i++) {
      String f0 = Park.workerId(random.nextInt(park.workers));
      if (freshStatus) {
        session.execute("TRUNCATE worker_status");
      }
      long[] before = counts.get();
      long benchCpu0 = cpu.benchNanos();
      long cassandraCpu0 = cpu.cassandraNanos();
      long t0 = System.nanoTime();
      TraceGraph graph;
      try {
        graph = trace.apply(new TraceRequest(f0, from, span.to(), depth, null))
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
      } catch (ExecutionException e) {
        failures++;
        if (failures == 1) {
          System.out.printf("  %s failed: %s (counted; the series goes on)%n", f0, e.getCause());
        }
        continue;
      }
      long micros = (System.nanoTime() - t0) / 1000;
      long[] after = counts.get();
      if (i < warmup) {
        continue;
      }
      benchCpu += cpu.benchNanos() - benchCpu0;
      cassandraCpu += cpu.cassandraNanos() - cassandraCpu0;
      latency.recordValue(micros);
      f1.recordValue(level(graph, 1));
      f2.recordValue(level(graph, 2));
      edges.recordValue(graph.edges().size());
      nodes.recordValue(graph.nodes().size());
      for (int k = 0; k < reads.length; k++) {
        reads[k].recordValue(after[k] - before[k]);
      }
      if ((i - warmup + 1) % Math.max(1, traces / 10) == 0) {
        System.out.printf("  %d/%d  last %s: %.0f ms, F1 %d, F2 %d, edges %d%n", i - warmup + 1, traces, f0,
            micros / 1000.0, level(graph, 1), level(graph, 2), graph.edges().size());
      }
    }
    if (failures > 0) {
      System.out.printf("FAILED: %d of %d traces (not in the figures below)%n", failures, warmup + traces);
    }
    if (latency.getTotalCount() == 0) {
      return;
    }
    System.out.printf("latency ms: p50 %.0f  p95 %.0f  p99 %.0f  max %.0f  (mean %.0f; %.0f s in all)%n",
        ms(latency, 50), ms(latency, 95), ms(latency, 99), latency.getMaxValue() / 1000.0,
        latency.getMean() / 1000, (System.nanoTime() - started) / 1e9);
    System.out.printf("CPU per trace ms: bench JVM %.0f, Cassandra %.0f (0 when --cassandra-pid is not given)%n",
        benchCpu / 1e6 / latency.getTotalCount(), cassandraCpu / 1e6 / latency.getTotalCount());
    print("nodes", nodes);
    print("F1 workers", f1);
    print("F2 workers", f2);
    print("edges", edges);
    print("worker range reads", reads[0]);
    print("worker partitions", reads[1]);
    print("worker rows", reads[2]);
    print("checkpoint range reads", reads[3]);
    print("checkpoint partitions", reads[4]);
    print("checkpoint rows", reads[5]);
    print("Cassandra queries", reads[6]);
  }

  private static long level(TraceGraph graph, int level) {
    long n = 0;
    List<TraceNode> nodes = graph.nodes();
    for (TraceNode node : nodes) {
      n += node.level() == level ? 1 : 0;
    }
    return n;
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static void print(String what, Histogram h) {
    System.out.printf("  %-24s p50 %,8d  p95 %,8d  max %,8d%n", what, h.getValueAtPercentile(50),
        h.getValueAtPercentile(95), h.getMaxValue());
  }
}
