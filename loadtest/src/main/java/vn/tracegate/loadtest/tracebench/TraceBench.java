package vn.tracegate.loadtest.tracebench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import vn.tracegate.checkin.registry.CheckpointKind;
import vn.tracegate.checkin.schema.Replication;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.checkin.store.CassandraSettings;
import vn.tracegate.checkin.visits.DwellPolicy;
import vn.tracegate.tracing.exposure.ExposurePolicy;
import vn.tracegate.tracing.graph.TraceGraph;
import vn.tracegate.tracing.graph.Tracer;
import vn.tracegate.tracing.index.IndexTracer;
import vn.tracegate.tracing.index.VisitIndex;
import vn.tracegate.tracing.status.ExposureStatus;
import vn.tracegate.tracing.status.WorkerStatusStore;
import vn.tracegate.tracing.trace.SavedTrace;
import vn.tracegate.tracing.trace.TraceService;
import vn.tracegate.tracing.trace.TraceStore;
import vn.tracegate.tracing.index.TraceIndex;
import vn.tracegate.tracing.visitlog.CassandraVisitSource;
import vn.tracegate.checkin.store.RedisLink;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * Depth-2 trace latency on a generated park (issue 5): loads {@link Park} into its own keyspace
 * once (reused while seed and size match), then times traces of random F0s through the
 * production {@link Tracer} over Cassandra, and through {@link TraceService} (graph, save,
 * status raise). Not a test: run it by hand on the target machine kind, e.g.
 * {@code java -Xmx4g -cp loadtest/target/loadtest.jar vn.tracegate.loadtest.tracebench.TraceBench
 * --workers 50000 --days 14 --traces 200 --seed 7 --keyspace tracegate_bench}.
 */
public final class TraceBench {

  private TraceBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions o = BenchOptions.parse(args);
    if (o.modes().equals(List.of("memory"))) {
      inMemory(o);
      return;
    }
    CassandraSettings settings = new CassandraSettings(CassandraSettings.parseContactPoints(o.contactPoints()),
        "datacenter1", o.keyspace(), Replication.parse("SimpleStrategy:1"), DefaultConsistencyLevel.LOCAL_QUORUM,
        Duration.ofSeconds(10));
    try (CqlSession admin = settings.open(false).toCompletableFuture().get(60, TimeUnit.SECONDS)) {
      new SchemaMigrator(admin, o.keyspace(), settings.replication(), Duration.ofDays(21))
          .migrate().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }
    Park park = new Park(o.seed(), o.workers());
    describe(park);
    Vertx vertx = Vertx.vertx();
    try (CqlSession session = settings.open(true).toCompletableFuture().get(60, TimeUnit.SECONDS)) {
      ParkSpan span = loaded(session, park, o);
      CassandraVisitSource log = await(CassandraVisitSource.create(vertx, session, o.maxInFlight(),
          o.workerPartitions(), o.checkpointPartitions()));
      CountingVisitSource source = new CountingVisitSource(log, log::requests);
      System.out.printf("visit log reads: at most %d queries in flight, %d worker / %d checkpoint partitions per"
          + " query%n", o.maxInFlight(), o.workerPartitions(), o.checkpointPartitions());
      Tracer tracer = new Tracer(vertx, source, DwellPolicy.defaults(), ExposurePolicy.defaults());
      WorkerStatusStore statuses = await(WorkerStatusStore.create(vertx, session));
      TraceService service = new TraceService(tracer, await(TraceStore.create(vertx, session)), statuses,
          Clock.systemUTC());
      TraceSeries series = new TraceSeries(session, source::snapshot, park, span, o.depth(),
          new CpuClock(o.cassandraPid()));
      TraceIndex index = o.modes().contains("index") ? index(vertx, log, park, span, o) : null;
      for (int window : o.windows()) {
        if (index != null) {
          Tracer fromMemory = new Tracer(vertx, index::forTrace, DwellPolicy.defaults(), ExposurePolicy.defaults(),
              Tracer.DEFAULT_OFFLOAD_ABOVE);
          long before = index.indexedTraces();
          series.run("graph from the in-memory index (Tracer over TraceIndex)", window, o.warmup(), o.traces(), o.seed(),
              false, fromMemory::trace);
          System.out.printf("  answered from memory: %d of %d traces%n", index.indexedTraces() - before,
              o.warmup() + o.traces());
          if (o.modes().contains("full")) {
            TraceService fromMemoryService = new TraceService(fromMemory, await(TraceStore.create(vertx, session)),
                statuses, Clock.systemUTC());
            series.run("graph from the index + save + status raise (TraceService, as POST /v1/traces)", window,
                o.warmup(), o.traces(), o.seed(), true,
                r -> fromMemoryService.trace(r, "tracebench", "benchmark").map(SavedTrace::graph));
          }
        }
        if (o.modes().contains("graph")) {
          series.run("graph only (Tracer)", window, o.warmup(), o.traces(), o.seed(), false, tracer::trace);
        }
        if (o.modes().contains("raise")) {
          series.run("graph + status raise (TraceService without the save)", window, o.warmup(), o.traces(),
              o.seed(), true, r -> tracer.trace(r).compose(g ->
                  statuses.raise(ExposureStatus.of(g, UUID.randomUUID(), r.from())).map(n -> g)));
        }
        if (o.modes().contains("full")) {
          series.run("graph + save + status raise (TraceService)", window, o.warmup(), o.traces(), o.seed(), true,
              r -> service.trace(r, "tracebench", "benchmark").map(SavedTrace::graph));
        }
      }
    } finally {
      vertx.close();
    }
  }

  /**
   * The production index over the loaded park: every checkpoint's day partitions from the park's
   * first day on, then the visit feed in Redis. Prints how long the load took and the heap it holds.
   */
  private static TraceIndex index(Vertx vertx, CassandraVisitSource log, Park park, ParkSpan span, BenchOptions o)
      throws Exception {
    RedisLink redis = new RedisLink(vertx, o.redisUri(), Duration.ofSeconds(2), 10_000);
    await(redis.start());
    int days = (int) (java.time.LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay()
        - DayBucket.of(span.from()).toEpochDay()) + 1;
    System.gc();
    long heapBefore = usedHeap();
    long t0 = System.nanoTime();
    TraceIndex index = new TraceIndex(vertx, redis, log,
        () -> io.vertx.core.Future.succeededFuture(List.copyOf(park.checkpointIds)), days, Long.MAX_VALUE,
        Clock.systemUTC()).start();
    while (!index.ready()) {
      if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(30)) {
        throw new IllegalStateException("the trace index did not load in 30 minutes");
      }
      Thread.sleep(200);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.gc();
    System.out.printf("trace index: %,d scans of %d days loaded in %.1f s; heap held %,d MB%n", index.size(), days,
        seconds, (usedHeap() - heapBefore) >> 20);
    return index;
  }

  /**
   * {@code --modes memory}: the production trace engine on the in-memory index
   * ({@code IndexTracer}, what {@code POST /v1/traces} runs when the index is current), with the
   * index filled straight from the generated park instead of from Cassandra and Redis. The issue's
   * full 14 days take a minute this way; loading them into Cassandra takes about 45 on this box.
   */
  private static void inMemory(BenchOptions o) throws Exception {
    Park park = new Park(o.seed(), o.workers());
    describe(park);
    ParkSpan span = ParkSpan.endingNow(o.days());
    WorkDay days = new WorkDay(park);
    // From the day before the park: a window at its start reads a longest dwell earlier (nothing there).
    VisitIndex index = new VisitIndex(DayBucket.of(span.from()).minusDays(1));
    System.gc();
    long heapBefore = usedHeap();
    long t0 = System.nanoTime();
    for (int w = 0; w < park.workers; w++) {
      index.add(days.all(w, span.firstShiftDay(), span.lastShiftDay(), span.from(), span.to()));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.gc();
    System.out.printf("in-memory index: %,d scans of %d days (%s .. %s) added in %.1f s; heap held %,d MB%n",
        index.size(), o.days(), span.from(), span.to(), seconds, (usedHeap() - heapBefore) >> 20);
    Vertx vertx = Vertx.vertx();
    try {
      TraceSeries series = new TraceSeries(null, () -> new long[7], park, span, o.depth(), new CpuClock(0));
      for (int window : o.windows()) {
        series.run("graph on the in-memory index (IndexTracer), index filled from the generator", window,
            o.warmup(), o.traces(), o.seed(), false, r -> vertx.executeBlocking(() -> {
              TraceGraph graph = IndexTracer.trace(index, r, DwellPolicy.defaults(), ExposurePolicy.defaults());
              if (graph == null) {
                throw new IllegalStateException("the index does not cover " + r.from() + " .. " + r.to());
              }
              return graph;
            }, false));
      }
    } finally {
      vertx.close();
    }
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  /** The park's span in the keyspace: the one loaded before if it matches, else a fresh load. */
  private static ParkSpan loaded(CqlSession session, Park park, BenchOptions o) throws InterruptedException {
    ParkMarker marker = new ParkMarker(session);
    var existing = o.reload() ? java.util.Optional.<ParkSpan>empty() : marker.loaded(o.seed(), o.workers(), o.days());
    if (existing.isPresent()) {
      System.out.printf("keyspace %s already holds this park (%s .. %s); not loading%n", o.keyspace(),
          existing.get().from(), existing.get().to());
      return existing.get();
    }
    ParkSpan span = ParkSpan.endingNow(o.days());
    System.out.printf("loading %d days (%s .. %s) into keyspace %s%n", o.days(), span.from(), span.to(), o.keyspace());
    marker.clear();
    long t0 = System.nanoTime();
    long scans = new ParkLoader(session, park, span, o.loadInFlight()).load();
    double seconds = (System.nanoTime() - t0) / 1e9;
    marker.mark(o.seed(), o.workers(), o.days(), span, scans, seconds);
    System.out.printf("loaded %,d scans (%,d rows) in %.0f s%n", scans, 2 * scans, seconds);
    return span;
  }

  private static void describe(Park park) {
    Map<CheckpointKind, Integer> kinds = new EnumMap<>(CheckpointKind.class);
    park.checkpointKinds.forEach(k -> kinds.merge(k, 1, Integer::sum));
    int riders = 0;
    int residents = 0;
    for (int w = 0; w < park.workers; w++) {
      riders += park.bus[w] != Park.NO ? 1 : 0;
      residents += park.dorm[w] != Park.NO ? 1 : 0;
    }
    System.out.printf("park: %,d workers in %d enterprises; checkpoints %s; %,d bus riders, %,d dormitory residents%n",
        park.workers, Park.ENTERPRISES, kinds, riders, residents);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
