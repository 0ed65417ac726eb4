package vn.tracegate.tracing.graph;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.checkin.visits.DwellPolicy;

/**
 * Computes the exposure graph of an F0, level by level (see DESIGN.md "Stays and exposure").
 * Each level reads, all in parallel, the checkpoint scans around the sources' stays, then the own
 * scans of the workers who may have been exposed; nothing blocks. The per-level computation runs
 * inline when small (a few thousand scans take well under a millisecond) and on a worker thread
 * through {@code executeBlocking} when a level holds more than {@code offloadAbove} scans.
 */
public final class Tracer {

  /** Above this many scans in a level, its computation leaves the event loop. */
  public static final int DEFAULT_OFFLOAD_ABOVE = 20_000;

  private final Vertx vertx;
  private final java.util.function.Supplier<Future<VisitSource>> source;
  private final DwellPolicy dwell;
  private final ExposurePolicy policy;
  private final int offloadAbove;

  public Tracer(Vertx vertx, VisitSource source, DwellPolicy dwell, ExposurePolicy policy) {
    this(vertx, source, dwell, policy, DEFAULT_OFFLOAD_ABOVE);
  }

  public Tracer(Vertx vertx, VisitSource source, DwellPolicy dwell, ExposurePolicy policy, int offloadAbove) {
    this(vertx, () -> Future.succeededFuture(source), dwell, policy, offloadAbove);
  }

  /**
   * With the source chosen afresh for each trace when it starts (the in-memory index when it is
   * current, else the visit log: {@code tracing.index.TraceIndex#forTrace}).
   */
  public Tracer(Vertx vertx, java.util.function.Supplier<Future<VisitSource>> source, DwellPolicy dwell,
      ExposurePolicy policy, int offloadAbove) {
    this.vertx = vertx;
    this.source = source;
    this.dwell = dwell;
    this.policy = policy;
    this.offloadAbove = offloadAbove;
  }

  /** The graph of a request; fails with a {@link Rejection} (INVALID) for a bad request. */
  public Future<TraceGraph> trace(TraceRequest request) {
    try {
      request.validated();
    } catch (Rejection r) {
      return Future.failedFuture(r);
    }
    ExposurePolicy effective = policy.withRoomMinOverlap(request.minOverlapMinutes());
    return source.get().compose(s -> {
      if (s instanceof WholeTraceSource whole) {
        return whole.trace(request, dwell, effective)
            .compose(g -> g != null ? Future.succeededFuture(g) : levelByLevel(request, s, effective));
      }
      return levelByLevel(request, s, effective);
    });
  }

  private Future<TraceGraph> levelByLevel(TraceRequest request, VisitSource s, ExposurePolicy effective) {
    return new TraceRun(request, s, dwell, effective, this::compute).run();
  }

  /** Runs {@code work} here or, when {@code size} is large, on a worker thread. */
  private <T> Future<T> compute(int size, Callable<T> work) {
    if (size > offloadAbove && vertx != null) {
      return vertx.executeBlocking(work, false);
    }
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  /** Where a level's computation runs. */
  interface Compute {
    <T> Future<T> run(int size, Callable<T> work);
  }
}
