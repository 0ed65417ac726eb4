package vn.tracegate.loadtest.chaos;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What the scans first sent in one phase of a chaos run met: how many were sent, acknowledged
 * (200 replay or 201), refused by status, failed in transport, retried, given up; then, after the
 * run, how many are stored in each visit table, lost (acknowledged, not stored) and stored twice.
 * Answers are counted per attempt, scans once each. The driver's event loop writes it; the report
 * reads it once the driver is done.
 */
public final class PhaseTally {

  private static final long MAX_MICROS = 3_600_000_000L;

  final String name;
  long sent;
  long attempts;
  long unsent;
  long acknowledged;
  long ack201;
  long ack200;
  long ackOther2xx;
  long staleWarnings;
  long retriedScans;
  long retryAttempts;
  long rejected;
  long abandoned;
  final Map<String, Long> refusedByStatus = new TreeMap<>();
  final Map<String, Long> transportErrors = new TreeMap<>();
  /** Time from a scan's first send to its acknowledgement, retries included, in microseconds. */
  final Histogram ackLatency = new Histogram(1, MAX_MICROS, 2);

  // Filled in by the check after the run.
  long storedByWorker;
  long storedByCheckpoint;
  long lost;
  long duplicates;
  long storedNotAcknowledged;

  PhaseTally(String name) {
    this.name = name;
  }

  void answered(int status, boolean stale, long micros) {
    acknowledged++;
    if (status == 201) {
      ack201++;
    } else if (status == 200) {
      ack200++;
    } else {
      ackOther2xx++;
    }
    if (stale) {
      staleWarnings++;
    }
    ackLatency.recordValue(Math.max(1, Math.min(MAX_MICROS, micros)));
  }

  void refused(String status) {
    refusedByStatus.merge(status, 1L, Long::sum);
  }

  void transportError(String kind) {
    transportErrors.merge(kind, 1L, Long::sum);
  }

  long refusedTotal() {
    return refusedByStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  long transportTotal() {
    return transportErrors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Adds another phase's counts (for the total). */
  void add(PhaseTally o) {
    sent += o.sent;
    attempts += o.attempts;
    unsent += o.unsent;
    acknowledged += o.acknowledged;
    ack201 += o.ack201;
    ack200 += o.ack200;
    ackOther2xx += o.ackOther2xx;
    staleWarnings += o.staleWarnings;
    retriedScans += o.retriedScans;
    retryAttempts += o.retryAttempts;
    rejected += o.rejected;
    abandoned += o.abandoned;
    o.refusedByStatus.forEach((k, v) -> refusedByStatus.merge(k, v, Long::sum));
    o.transportErrors.forEach((k, v) -> transportErrors.merge(k, v, Long::sum));
    ackLatency.add(o.ackLatency);
    storedByWorker += o.storedByWorker;
    storedByCheckpoint += o.storedByCheckpoint;
    lost += o.lost;
    duplicates += o.duplicates;
    storedNotAcknowledged += o.storedNotAcknowledged;
  }

  double ackMillisAt(double percentile) {
    return acknowledged == 0 ? 0 : Math.round(ackLatency.getValueAtPercentile(percentile) / 10.0) / 100.0;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("phase", name)
        .put("sent", sent)
        .put("attempts", attempts)
        .put("couldNotSend", unsent)
        .put("acknowledged", acknowledged)
        .put("acknowledgedByStatus", new JsonObject().put("201", ack201).put("200", ack200)
            .put("other2xx", ackOther2xx))
        .put("presenceStaleWarnings", staleWarnings)
        .put("refusedByStatus", new JsonObject(new TreeMap<String, Object>(refusedByStatus)))
        .put("refused", refusedTotal())
        .put("transportErrors", new JsonObject(new TreeMap<String, Object>(transportErrors)))
        .put("transportErrorCount", transportTotal())
        .put("retriedScans", retriedScans)
        .put("retryAttempts", retryAttempts)
        .put("rejected", rejected)
        .put("abandoned", abandoned)
        .put("storedInVisitsByWorker", storedByWorker)
        .put("storedInVisitsByCheckpoint", storedByCheckpoint)
        .put("lost", lost)
        .put("duplicates", duplicates)
        .put("storedNotAcknowledged", storedNotAcknowledged)
        .put("timeToAcknowledgeMs", new JsonObject().put("p50", ackMillisAt(50)).put("p99", ackMillisAt(99))
            .put("max", ackMillisAt(100)));
  }
}
