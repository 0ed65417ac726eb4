package vn.tracegate.loadtest.driver;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of a stretch of a run (a step, a second, a whole phase): requests sent,
 * answered 2xx, refused by status, not sent because the in-flight cap was hit, and the latency
 * histogram of the 2xx answers in microseconds. Not thread-safe: one event loop owns it.
 */
public final class Tally {

  static final long MAX_LATENCY_MICROS = 120_000_000L;

  private final Histogram latency;
  private final Map<String, Long> errors = new TreeMap<>();
  private long sent;
  private long ok;
  private long unsent;
  private long capacityWarnings;
  private long staleWarnings;

  public Tally(int significantDigits) {
    this.latency = new Histogram(1, MAX_LATENCY_MICROS, significantDigits);
  }

  void sent() {
    sent++;
  }

  void unsent() {
    unsent++;
  }

  void ok(long latencyMicros, boolean capacityWarning, boolean staleWarning) {
    ok++;
    latency.recordValue(Math.max(1, Math.min(MAX_LATENCY_MICROS, latencyMicros)));
    if (capacityWarning) {
      capacityWarnings++;
    }
    if (staleWarning) {
      staleWarnings++;
    }
  }

  /** A refusal or failure, keyed by HTTP status ("503") or exception name ("timeout"). */
  void error(String key) {
    errors.merge(key, 1L, Long::sum);
  }

  /** Adds another tally's counts and latencies to this one. */
  void add(Tally other) {
    sent += other.sent;
    ok += other.ok;
    unsent += other.unsent;
    capacityWarnings += other.capacityWarnings;
    staleWarnings += other.staleWarnings;
    other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
    latency.add(other.latency);
  }

  public long sentCount() {
    return sent;
  }

  public long okCount() {
    return ok;
  }

  public long unsentCount() {
    return unsent;
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  public Map<String, Long> errors() {
    return Map.copyOf(errors);
  }

  public Histogram latency() {
    return latency;
  }

  /** Latency at {@code percentile} (0-100) in milliseconds; 0 when nothing was answered. */
  public double millisAt(double percentile) {
    return ok == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
  }

  public JsonObject toJson(double seconds) {
    return new JsonObject()
        .put("sent", sent)
        .put("ok", ok)
        .put("errors", errorCount())
        .put("errorsByStatus", new JsonObject(new TreeMap<String, Object>(errors)))
        .put("couldNotSend", unsent)
        .put("throughputPerSecond", seconds > 0 ? round(ok / seconds) : 0)
        .put("latencyMs", new JsonObject()
            .put("p50", round(millisAt(50)))
            .put("p90", round(millisAt(90)))
            .put("p99", round(millisAt(99)))
            .put("p999", round(millisAt(99.9)))
            .put("max", ok == 0 ? 0 : round(latency.getMaxValue() / 1000.0))
            .put("mean", ok == 0 ? 0 : round(latency.getMean() / 1000.0)))
        .put("warnings", new JsonObject().put("CAPACITY_EXCEEDED", capacityWarnings)
            .put("PRESENCE_STALE", staleWarnings));
  }

  public static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
