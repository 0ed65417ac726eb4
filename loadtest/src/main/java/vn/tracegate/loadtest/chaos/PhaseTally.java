package vn.tracegate.loadtest.chaos;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One phase of a chaos run, counted two ways. Scans count in the phase they were first sent in:
 * sent, acknowledged (200 replay or 201), retried, given up; then, after the run, stored in each
 * visit table, lost (acknowledged, not stored) and stored twice. Answers count in the phase they
 * came in, one per attempt: 201, 200, refused by status and error code, client-side failures. The
 * driver's event loop writes it; the report reads it once the driver is done.
 */
public final class PhaseTally {

  private static final long MAX_MICROS = 3_600_000_000L;

  final String name;
  // Scans first sent in this phase.
  long sent;
  long unsent;
  long acknowledged;
  long retriedScans;
  long rejected;
  long abandoned;
  // Answers that came in this phase.
  long attempts;
  long retryAttempts;
  long ack201;
  long ack200;
  long ackOther2xx;
  long staleWarnings;
  /** Refusals by status and error code, e.g. "503 STORE_UNAVAILABLE". */
  final Map<String, Long> refusedByStatus = new TreeMap<>();
  /** Requests that got no answer, by exception ("timeout", "ConnectException", ...). */
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

  /** A scan of this phase acknowledged, {@code micros} after its first send. */
  void acknowledged(long micros) {
    acknowledged++;
    ackLatency.recordValue(Math.max(1, Math.min(MAX_MICROS, micros)));
  }

  /** A 2xx answer in this phase. */
  void answered(int status, boolean stale) {
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
        .put("couldNotSend", unsent)
        .put("acknowledged", acknowledged)
        .put("retriedScans", retriedScans)
        .put("rejected", rejected)
        .put("abandoned", abandoned)
        .put("storedInVisitsByWorker", storedByWorker)
        .put("storedInVisitsByCheckpoint", storedByCheckpoint)
        .put("lost", lost)
        .put("duplicates", duplicates)
        .put("storedNotAcknowledged", storedNotAcknowledged)
        .put("timeToAcknowledgeMs", new JsonObject().put("p50", ackMillisAt(50)).put("p99", ackMillisAt(99))
            .put("max", ackMillisAt(100)))
        .put("answers", new JsonObject()
            .put("attempts", attempts)
            .put("retryAttempts", retryAttempts)
            .put("201", ack201)
            .put("200", ack200)
            .put("other2xx", ackOther2xx)
            .put("presenceStaleWarnings", staleWarnings)
            .put("refused", refusedTotal())
            .put("refusedByStatus", new JsonObject(new TreeMap<String, Object>(refusedByStatus)))
            .put("clientErrors", transportTotal())
            .put("clientErrorsByKind", new JsonObject(new TreeMap<String, Object>(transportErrors))));
  }
}
