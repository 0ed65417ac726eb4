package vn.tracegate.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.checkin.presence.DwellPolicy;
import vn.tracegate.checkin.presence.PresenceCache;
import vn.tracegate.checkin.qr.KeyRing;
import vn.tracegate.checkin.qr.QrDecoder;
import vn.tracegate.checkin.qr.QrRenderer;
import vn.tracegate.checkin.qr.QrSigner;
import vn.tracegate.checkin.qr.QrVerifier;
import vn.tracegate.checkin.qr.SigningKeyStore;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.registry.Registry;
import vn.tracegate.checkin.scans.ScanLedger;
import vn.tracegate.checkin.scans.ScanService;
import vn.tracegate.checkin.visits.VisitLog;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.gateway.config.GatewayConfig;

/**
 * Opens the stores once (one Cassandra session, one Redis link), builds the services on them,
 * then deploys one {@link HttpVerticle} per event loop. Stopping it (SIGTERM) undeploys the
 * HTTP verticles first, so in-flight requests finish before the stores close.
 */
public final class MainVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MainVerticle.class);

  private final GatewayConfig config;
  private final PrometheusMeterRegistry metrics;
  private CqlSession session;
  private RedisLink redis;
  private long keyReload = -1;
  private AuditLog audit;

  private static final Duration KEY_RELOAD = Duration.ofSeconds(10);

  public MainVerticle(GatewayConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    redis = new RedisLink(vertx, config.redis().uri(), config.redis().commandTimeout(),
        config.redis().requestQueueSize());
    return Future.fromCompletionStage(config.cassandra().open(true), context)
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "cannot open the Cassandra session at " + config.cassandra().contactPoints() + " keyspace '"
                + config.cassandra().keyspace() + "' (is it up, and was the schema migrated?): "
                + err.getMessage(), err)))
        .compose(s -> {
          session = s;
          return redis.start();
        })
        // Preparing statements waits on Cassandra: build the services on a worker thread.
        .compose(v -> vertx.executeBlocking(this::buildServices))
        .compose(services -> services.keys().loadOrCreate(Instant.now()).map(ring -> {
          services.signer().updateKeys(ring);
          services.verifier().updateKeys(ring);
          keyReload = vertx.setPeriodic(KEY_RELOAD.toMillis(), id -> reloadKeys(services));
          return services;
        }))
        .compose(services -> {
          AppContext app = new AppContext(config, session, redis, metrics, services, audit,
              new RateLimiter(vertx, redis));
          int instances = config.http().effectiveInstances();
          return vertx.deployVerticle(() -> new HttpVerticle(app), new DeploymentOptions().setInstances(instances))
              .onSuccess(id -> LOG.info("TraceGate listening on http://{}:{} ({} event-loop verticles)",
                  config.http().host(), config.http().port(), instances));
        });
  }

  private Services buildServices() {
    Registry registry = new Registry(vertx, session);
    audit = new AuditLog(vertx, session, config.guards().auditRetention(), Clock.systemUTC());
    KeyRing empty = KeyRing.of();
    QrVerifier verifier = new QrVerifier(empty, 200_000, config.clockSkew());
    PresenceCache presence = new PresenceCache(vertx, redis, DwellPolicy.defaults());
    ScanService scans = new ScanService(verifier,
        id -> registry.checkpoint(id).map(found -> found.orElseThrow(() -> Rejection.unprocessable(
            "UNKNOWN_CHECKPOINT", "checkpoint '" + id + "' is not registered"))),
        new ScanLedger(vertx, redis, config.dedupeTtl()),
        new VisitLog(vertx, session),
        presence,
        new ScanService.Window(config.maxFutureSkew(), config.retention()),
        Clock.systemUTC());
    return new Services(registry, new SigningKeyStore(vertx, session), new QrSigner(empty), verifier,
        new QrRenderer(), new QrDecoder(), presence, scans);
  }

  /** Every node picks up key rotations and revocations within {@link #KEY_RELOAD}, no restart. */
  private void reloadKeys(Services services) {
    services.keys().load()
        .onSuccess(ring -> {
          services.signer().updateKeys(ring);
          services.verifier().updateKeys(ring);
        })
        .onFailure(err -> LOG.warn("could not reload QR signing keys: {}", err.toString()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(keyReload);
    if (redis != null) {
      redis.close();
    }
    return session == null ? Future.succeededFuture()
        : Future.fromCompletionStage(session.closeAsync(), context);
  }
}
