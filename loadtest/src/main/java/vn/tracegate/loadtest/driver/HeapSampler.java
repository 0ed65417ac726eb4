package vn.tracegate.loadtest.driver;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the gateway's heap through its Prometheus {@code /metrics} every two seconds: heap in
 * use (all heap pools) and the live data left after the last old-generation collection. A bounded
 * heap shows as a saw-tooth whose floor (live data) stays flat over the run. The same scrape reads
 * the visit log's counters: how many scans a Cassandra write request carried (group commit).
 */
public final class HeapSampler {

  /**
   * One scrape: seconds since the sampler started; heap in use, old generation in use, live data,
   * in MB; visit write requests and the scans they wrote, since the gateway started.
   */
  public record Sample(double second, double usedMb, double oldMb, double liveMb, double visitWrites,
      double visitScans) {}

  private static final double MB = 1024.0 * 1024.0;

  private final Vertx vertx;
  private final WebClient client;
  private final List<Sample> samples = new ArrayList<>();
  private long startNanos;
  private long timer = -1;
  private double maxHeapMb;
  private String lastError;

  public HeapSampler(Vertx vertx, WebClient client) {
    this.vertx = vertx;
    this.client = client;
  }

  public void start(long startNanos) {
    this.startNanos = startNanos;
    scrape();
    timer = vertx.setPeriodic(2000, id -> scrape());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  private void scrape() {
    client.get("/metrics").send().onComplete(ar -> {
      if (ar.failed() || ar.result().statusCode() != 200) {
        lastError = ar.failed() ? ar.cause().toString() : "HTTP " + ar.result().statusCode();
        return;
      }
      double used = 0;
      double old = 0;
      double live = 0;
      double max = 0;
      double writes = 0;
      double scans = 0;
      for (String line : ar.result().bodyAsString().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          used += value(line);
          if (line.contains("Old Gen") || line.contains("Tenured")) {
            old += value(line);
          }
        } else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
          max += Math.max(0, value(line));
        } else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
          live = value(line);
        } else if (line.startsWith("tracegate_visit_writes_total")) {
          writes = value(line);
        } else if (line.startsWith("tracegate_visit_scans_written_total")) {
          scans = value(line);
        }
      }
      synchronized (samples) {
        samples.add(new Sample((System.nanoTime() - startNanos) / 1e9, used / MB, old / MB, live / MB, writes,
            scans));
        maxHeapMb = Math.max(maxHeapMb, max / MB);
      }
    });
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  public List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Heap in use at the last scrape, 0 before the first. */
  public double lastUsedMb() {
    List<Sample> all = samples();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).usedMb();
  }

  /**
   * Scans a visit write request carried on average between two instants (seconds since the
   * start), from the scrapes inside that span; NaN with fewer than two or no write between them.
   */
  public double scansPerWrite(double fromSecond, double toSecond) {
    List<Sample> in = samples().stream().filter(s -> s.second() >= fromSecond && s.second() <= toSecond).toList();
    if (in.size() < 2) {
      return Double.NaN;
    }
    Sample first = in.get(0);
    Sample last = in.get(in.size() - 1);
    double writes = last.visitWrites() - first.visitWrites();
    return writes > 0 ? (last.visitScans() - first.visitScans()) / writes : Double.NaN;
  }

  public double maxUsedMb() {
    return samples().stream().mapToDouble(Sample::usedMb).max().orElse(0);
  }

  public JsonObject toJson() {
    List<Sample> all = samples();
    JsonArray series = new JsonArray();
    all.forEach(s -> series.add(new JsonArray().add(round(s.second())).add(round(s.usedMb())).add(round(s.oldMb()))
        .add(round(s.liveMb()))));
    double lastLive = all.isEmpty() ? 0 : all.get(all.size() - 1).liveMb();
    return new JsonObject()
        .put("samples", all.size())
        .put("maxUsedMb", round(maxUsedMb()))
        .put("heapMaxMb", round(maxHeapMb))
        .put("oldGenerationMb", oldGeneration(all))
        .put("liveDataAfterLastOldGcMb", lastLive > 0 ? round(lastLive) : null)
        .put("lastError", lastError)
        .put("seriesColumns", new JsonArray().add("second").add("usedMb").add("oldGenMb").add("liveMb"))
        .put("series", series);
  }

  /** Old generation in use: first, highest and last third's lowest (a leak keeps the floor rising). */
  private static JsonObject oldGeneration(List<Sample> all) {
    if (all.isEmpty()) {
      return new JsonObject();
    }
    double max = all.stream().mapToDouble(Sample::oldMb).max().orElse(0);
    double lastThirdFloor = all.subList(all.size() * 2 / 3, all.size()).stream().mapToDouble(Sample::oldMb).min()
        .orElse(0);
    return new JsonObject().put("first", round(all.get(0).oldMb())).put("max", round(max))
        .put("lastThirdMin", round(lastThirdFloor)).put("last", round(all.get(all.size() - 1).oldMb()));
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
