package vn.tracegate.gateway;

import io.vertx.core.Future;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.presence.PresenceCache;
import vn.tracegate.checkin.qr.DecodePool;
import vn.tracegate.checkin.qr.QrRenderer;
import vn.tracegate.checkin.qr.QrSigner;
import vn.tracegate.checkin.qr.QrVerifier;
import vn.tracegate.checkin.qr.SigningKeyStore;
import vn.tracegate.checkin.registry.Checkpoint;
import vn.tracegate.checkin.registry.Registry;
import vn.tracegate.checkin.registry.Worker;
import vn.tracegate.checkin.scans.ScanService;
import vn.tracegate.tracing.status.WorkerStatusStore;
import vn.tracegate.tracing.trace.TraceExports;
import vn.tracegate.tracing.trace.TraceService;

/** The domain services the routes call, built once on the shared stores. */
public record Services(
    Registry registry,
    SigningKeyStore keys,
    QrSigner signer,
    QrVerifier verifier,
    QrRenderer renderer,
    DecodePool decoder,
    PresenceCache presence,
    ScanService scans,
    TraceService traces,
    TraceExports exports,
    WorkerStatusStore statuses) {

  /** The checkpoint, or 404 naming it. */
  public Future<Checkpoint> checkpoint(String id) {
    return registry.checkpoint(id).map(o -> o.orElseThrow(() -> Rejection.notFound("checkpoint", id)));
  }

  /** The worker, or 404 naming it. */
  public Future<Worker> worker(String id) {
    return registry.worker(id).map(o -> o.orElseThrow(() -> Rejection.notFound("worker", id)));
  }
}
