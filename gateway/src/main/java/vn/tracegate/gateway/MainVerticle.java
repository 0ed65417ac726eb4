package vn.tracegate.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tracegate.checkin.Rejection;
import vn.tracegate.checkin.audit.AuditLog;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.checkin.presence.PresenceCache;
import vn.tracegate.checkin.presence.PresenceRebuild;
import vn.tracegate.checkin.qr.KeyRing;
import vn.tracegate.checkin.qr.DecodePool;
import vn.tracegate.checkin.qr.QrDecoder;
import vn.tracegate.checkin.qr.QrRenderer;
import vn.tracegate.checkin.qr.QrSigner;
import vn.tracegate.checkin.qr.QrVerifier;
import vn.tracegate.checkin.qr.SigningKeyStore;
import vn.tracegate.checkin.ratelimit.RateLimiter;
import vn.tracegate.checkin.registry.Registry;
import vn.tracegate.checkin.scans.ScanLedger;
import vn.tracegate.checkin.scans.ScanService;
import vn.tracegate.checkin.visits.VisitFeed;
import vn.tracegate.checkin.visits.VisitLog;
import vn.tracegate.checkin.registry.Checkpoint;
import vn.tracegate.checkin.store.LoopSessions;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.graph.Tracer;
import vn.tracegate.tracing.status.WorkerStatusStore;
import vn.tracegate.tracing.trace.TraceExports;
import vn.tracegate.tracing.trace.TraceService;
import vn.tracegate.tracing.trace.TraceStore;
import vn.tracegate.tracing.index.TraceIndex;
import vn.tracegate.tracing.visitlog.CassandraVisitSource;
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
  /** The sessions visit rows are written through (one per event loop, and {@link #session}). */
  private LoopSessions loopSessions;
  private RedisLink redis;
  private long keyReload = -1;
  private AuditLog audit;
  private CassandraVisitSource visitSource;
  private VisitFeed feed;
  private TraceIndex traceIndex;
  private PresenceRebuild rebuild;

  /** How often each node checks that Redis still holds presence (rebuilding it if not). */
  private static final Duration PRESENCE_CHECK = Duration.ofSeconds(2);

  private static final Duration KEY_RELOAD = Duration.ofSeconds(10);
  /** Camera frames decoded at once (one per core) and frames that may wait beyond those. */
  private static final int DECODE_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final int DECODE_WAITING = 16;

  public MainVerticle(GatewayConfig config, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    redis = new RedisLink(vertx, config.redis().uri(), config.redis().commandTimeout(),
        config.redis().requestQueueSize(), config.redis().consolidateFlushes());
    return Future.fromCompletionStage(config.cassandra().open(true), context)
        .recover(err -> Future.failedFuture(new IllegalStateException(
            "cannot open the Cassandra session at " + config.cassandra().contactPoints() + " keyspace '"
                + config.cassandra().keyspace() + "' (is it up, and was the schema migrated?): "
                + err.getMessage(), err)))
        .compose(s -> {
          session = s;
          return config.loopSessions() ? LoopSessions.open(vertx, config.cassandra(), s)
              : Future.succeededFuture(LoopSessions.sharedOnly(s));
        })
        .compose(loops -> {
          loopSessions = loops;
          return redis.start();
        })
        // Preparing statements waits on Cassandra: build the services on a worker thread.
        .compose(v -> Future.all(CassandraVisitSource.create(vertx, session, CassandraVisitSource.DEFAULT_MAX_IN_FLIGHT),
            TraceStore.create(vertx, session), WorkerStatusStore.create(vertx, session)))
        .compose(tracing -> vertx.executeBlocking(() -> buildServices(tracing.resultAt(0), tracing.resultAt(1),
            tracing.resultAt(2))))
        .compose(services -> services.keys().loadOrCreate(Instant.now()).map(ring -> {
          services.signer().updateKeys(ring);
          services.verifier().updateKeys(ring);
          keyReload = vertx.setPeriodic(KEY_RELOAD.toMillis(), id -> reloadKeys(services));
          rebuild = new PresenceRebuild(vertx, redis, services.presence(), visitSource, services.registry()::checkpoints,
              Clock.systemUTC());
          rebuild.watch(PRESENCE_CHECK.toMillis());
          return services;
        }))
        .compose(services -> {
          AtomicInteger inFlight = new AtomicInteger();
          metrics.gauge("tracegate_http_in_flight", inFlight);
          String transport = vertx.isNativeTransportEnabled() ? "epoll" : "nio";
          Gauge.builder("tracegate_net_transport", () -> 1).tag("transport", transport)
              .description("the network transport the event loops run (epoll or nio)").register(metrics);
          AppContext app = new AppContext(config, session, redis, metrics, services, inFlight, audit,
              new RateLimiter(vertx, redis));
          int instances = config.http().effectiveInstances();
          return vertx.deployVerticle(() -> new HttpVerticle(app), new DeploymentOptions().setInstances(instances))
              .onSuccess(id -> LOG.info("TraceGate listening on http://{}:{} ({} event-loop verticles, {} transport)",
                  config.http().host(), config.http().port(), instances, transport));
        });
  }

  private Services buildServices(CassandraVisitSource visitSource, TraceStore traceStore,
      WorkerStatusStore statuses) {
    this.visitSource = visitSource;
    Registry registry = new Registry(vertx, session);
    audit = new AuditLog(vertx, session, config.guards().auditRetention(), Clock.systemUTC());
    KeyRing empty = KeyRing.of();
    QrVerifier verifier = new QrVerifier(empty, 200_000, config.clockSkew());
    DwellPolicy dwell = DwellPolicy.defaults();
    PresenceCache presence = new PresenceCache(vertx, redis, dwell);
    ScanService scans = new ScanService(verifier,
        id -> registry.checkpoint(id).map(found -> found.orElseThrow(() -> Rejection.unprocessable(
            "UNKNOWN_CHECKPOINT", "checkpoint '" + id + "' is not registered"))),
        new ScanLedger(vertx, redis, config.dedupeTtl()),
        visitLog(),
        presence,
        new ScanService.Window(config.maxFutureSkew(), config.retention()),
        Clock.systemUTC(),
        feed());
    return new Services(registry, new SigningKeyStore(vertx, session), new QrSigner(empty), verifier,
        new QrRenderer(), new DecodePool(vertx, new QrDecoder()::decode, DECODE_THREADS, DECODE_WAITING), presence, scans,
        new TraceService(tracer(visitSource, registry, dwell), traceStore, statuses, Clock.systemUTC()),
        new TraceExports(vertx, new RegistryPeople(registry), new RegistryPeople(registry)),
        statuses);
  }

  /** Every written scan goes to the other instances' trace indexes (when those are on). */
  private VisitFeed feed() {
    if (config.traceIndex().days() == 0) {
      return null;
    }
    feed = new VisitFeed(vertx, redis, config.traceIndex().feedMaxLength(), 100_000).start();
    FunctionCounter.builder("tracegate_visit_feed_published", feed, VisitFeed::published)
        .description("scans published to the visit feed the trace indexes follow").register(metrics);
    FunctionCounter.builder("tracegate_visit_feed_failed", feed, VisitFeed::failed)
        .description("publishes that failed and were queued to be sent again").register(metrics);
    FunctionCounter.builder("tracegate_visit_feed_dropped", feed, VisitFeed::dropped)
        .description("publishes dropped from a full queue (readers then reload from Cassandra)").register(metrics);
    metrics.gauge("tracegate_visit_feed_waiting", feed, VisitFeed::waiting);
    return feed;
  }

  /** Traces read the in-memory index when it is current, else the visit log in Cassandra. */
  private Tracer tracer(CassandraVisitSource visitSource, Registry registry, DwellPolicy dwell) {
    if (config.traceIndex().days() == 0) {
      return new Tracer(vertx, visitSource, dwell, ExposurePolicy.defaults());
    }
    traceIndex = new TraceIndex(vertx, redis, visitSource,
        () -> registry.checkpoints().map(list -> list.stream().map(Checkpoint::id).toList()),
        config.traceIndex().days(), config.traceIndex().effectiveMaxScans(), Clock.systemUTC()).start();
    metrics.gauge("tracegate_trace_index_scans", traceIndex, TraceIndex::size);
    metrics.gauge("tracegate_trace_index_ready", traceIndex, i -> i.ready() ? 1 : 0);
    FunctionCounter.builder("tracegate_trace_index_reloads", traceIndex, TraceIndex::reloads)
        .description("loads of the trace index from Cassandra (start, epoch change, gap in the feed)")
        .register(metrics);
    FunctionCounter.builder("tracegate_trace_feed_reads", traceIndex, TraceIndex::feedReads)
        .description("reads of the visit feed by the trace index (entries come in batches)").register(metrics);
    FunctionCounter.builder("tracegate_traces_indexed", traceIndex, TraceIndex::indexedTraces)
        .description("traces answered from the in-memory index").register(metrics);
    FunctionCounter.builder("tracegate_traces_from_log", traceIndex, TraceIndex::fallbackTraces)
        .description("traces that read Cassandra (index loading, or not certainly current)").register(metrics);
    return new Tracer(vertx, traceIndex::forTrace, dwell, ExposurePolicy.defaults(), Tracer.DEFAULT_OFFLOAD_ABOVE);
  }

  private VisitLog visitLog() {
    VisitLog log = new VisitLog(vertx, loopSessions, config.writes());
    FunctionCounter.builder("tracegate_visit_writes", log, VisitLog::requests)
        .description("Cassandra requests that wrote visit rows (both rows of one or more scans each)")
        .register(metrics);
    FunctionCounter.builder("tracegate_visit_scans_written", log, VisitLog::scans)
        .description("scans whose visit rows were sent; divided by tracegate_visit_writes, the mean group size")
        .register(metrics);
    return log;
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
    if (rebuild != null) {
      rebuild.stop();
    }
    if (traceIndex != null) {
      traceIndex.close();
    }
    if (feed != null) {
      feed.stop();
    }
    if (redis != null) {
      redis.close();
    }
    Future<Void> loops = loopSessions == null ? Future.succeededFuture() : loopSessions.close();
    return loops.eventually(() -> session == null ? Future.succeededFuture()
        : Future.fromCompletionStage(session.closeAsync(), context));
  }
}
