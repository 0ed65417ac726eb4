package vn.tracegate.tracing.trace;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;
import vn.tracegate.tracing.graph.TraceRequest;
import vn.tracegate.tracing.graph.Tracer;
import vn.tracegate.tracing.status.ExposureStatus;
import vn.tracegate.tracing.status.WorkerStatusStore;

/**
 * Runs a trace for a safety team or health officer: computes the graph, then stores it with who
 * asked and why (the audit trail) while raising the status of everyone in it. The caller checks the
 * caller's role and that the F0 exists before calling.
 */
public final class TraceService {

  private final Tracer tracer;
  private final TraceStore traces;
  private final WorkerStatusStore statuses;
  private final Clock clock;

  public TraceService(Tracer tracer, TraceStore traces, WorkerStatusStore statuses, Clock clock) {
    this.tracer = tracer;
    this.traces = traces;
    this.statuses = statuses;
    this.clock = clock;
  }

  /** Fails with a Rejection: INVALID for a bad request, UNAVAILABLE when a store cannot be reached. */
  public Future<SavedTrace> trace(TraceRequest request, String requestedBy, String reason) {
    return tracer.trace(request).compose(graph -> {
      SavedTrace saved = new SavedTrace(UUID.randomUUID(), request, requestedBy, reason, clock.instant(), graph);
      // Saving the graph (one big row) and raising statuses (a read and a write per worker) are
      // independent: both at once, and the trace is answered when both are done.
      Future<Void> save = traces.save(saved);
      Future<Integer> raise = statuses.raise(ExposureStatus.of(graph, saved.id(), request.from()));
      return Future.all(save, raise).map(both -> saved);
    });
  }

  /** A stored trace, or a NOT_FOUND Rejection. */
  public Future<SavedTrace> find(UUID id) {
    return traces.find(id);
  }
}
