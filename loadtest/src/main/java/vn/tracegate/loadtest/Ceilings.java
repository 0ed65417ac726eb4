package vn.tracegate.loadtest;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.checkin.store.CassandraSettings;
import vn.tracegate.gateway.config.GatewayConfig;
import vn.tracegate.loadtest.driver.ClosedLoopDriver;
import vn.tracegate.loadtest.driver.CpuSampler;
import vn.tracegate.loadtest.driver.Shots;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.Park;
import vn.tracegate.loadtest.roof.BareRoof;
import vn.tracegate.loadtest.roof.CassandraRoof;
import vn.tracegate.loadtest.roof.CassandraWarmup;

/**
 * The ceilings a run compares TraceGate with, measured in the same run on the same machine:
 * Cassandra taking the same rows (own keyspace), a bare Vert.x endpoint (own JVM), and TraceGate
 * itself driven closed-loop to saturation. Each waits for a quiet machine first.
 */
final class Ceilings {

  static final int ROOF_ROWS_IN_FLIGHT = 256;
  /** Sent before each measured roof, uncounted: on 2 cores the JIT needs this long under load. */
  static final double WARMUP_SECONDS = 15;

  private final LoadOptions o;
  private final GatewayConfig config;
  private final Vertx vertx;
  private final Context context;
  private final PhaseLog phases;

  Ceilings(LoadOptions o, GatewayConfig config, Vertx vertx, Context context, PhaseLog phases) {
    this.o = o;
    this.config = config;
    this.vertx = vertx;
    this.context = context;
    this.phases = phases;
  }

  /**
   * Before the open model, runs Cassandra's write, flush and compaction code until the JIT has
   * compiled it: the production write pattern into the roof's keyspace for {@code --cassandra-warmup}
   * seconds, then waits until its flushes and compactions end, then empties those tables again. A
   * fresh Cassandra JVM compiles that code the first time it runs (its compiler threads took half
   * a core for 2-3 s at the first flush and again at the first compaction, inside the measured
   * steps); a node that has run for a day has it compiled. Null when skipped.
   */
  CassandraWarmup.Result warmCassandra(Park park, List<ScanEvent> events) throws Exception {
    if (o.cassandraWarmupSeconds() <= 0) {
      return null;
    }
    CassandraSettings roof = roofKeyspace();
    LoadMain.say("Cassandra warm-up: " + RunReport.fmt(o.cassandraWarmupSeconds()) + " s of writes into keyspace "
        + roof.keyspace() + " until it has flushed and compacted, then emptied");
    try (CqlSession session = LoadMain.await(roof.open(true))) {
      long from = System.nanoTime();
      CassandraWarmup.Result r = new CassandraWarmup(session, roof.keyspace()).run(() -> LoadMain.await(
          new CassandraRoof(vertx, session, park, events, ROOF_ROWS_IN_FLIGHT).visitLog(context, 0,
              o.cassandraWarmupSeconds())), COMPACTION_WAIT_SECONDS);
      phases.ended("cassandraWarmup", from);
      LoadMain.note(r.describe());
      return r;
    }
  }

  /** The longest the warm-up waits for Cassandra's flushes and compactions to end. */
  static final double COMPACTION_WAIT_SECONDS = 180;

  /** The roof's own keyspace (the load keyspace's name + {@code _roof}), migrated; its settings. */
  private CassandraSettings roofKeyspace() throws Exception {
    CassandraSettings main = config.cassandra();
    CassandraSettings roof = new CassandraSettings(main.contactPoints(), main.datacenter(), main.keyspace() + "_roof",
        main.replication(), main.consistency(), main.requestTimeout());
    try (CqlSession admin = LoadMain.await(roof.open(false))) {
      LoadMain.await(new SchemaMigrator(admin, roof.keyspace(), roof.replication(), config.retention()).migrate());
    }
    return roof;
  }

  List<CassandraRoof.Result> cassandra(Park park, List<ScanEvent> events) throws Exception {
    CassandraSettings roof = roofKeyspace();
    LoadMain.say("Cassandra roof: the same rows into keyspace " + roof.keyspace() + ", " + ROOF_ROWS_IN_FLIGHT
        + " rows in flight, " + o.roofSeconds() + " s a mode");
    List<CassandraRoof.Result> out = new ArrayList<>();
    try (CqlSession session = LoadMain.await(roof.open(true))) {
      CassandraRoof bench = new CassandraRoof(vertx, session, park, events, ROOF_ROWS_IN_FLIGHT);
      phases.awaitQuiet("cassandraSingleInserts");
      long from = System.nanoTime();
      out.add(bench.singleInserts(WARMUP_SECONDS, o.roofSeconds()));
      phases.ended("cassandraSingleInserts", from);
      phases.awaitQuiet("cassandraVisitLog");
      from = System.nanoTime();
      out.add(LoadMain.await(bench.visitLog(context, WARMUP_SECONDS, o.roofSeconds())));
      phases.ended("cassandraVisitLog", from);
    }
    out.forEach(r -> LoadMain.note(String.format("%s: %,.0f rows/s = %,.0f scans/s (%d errors)", r.mode(),
        r.rowsPerSecond(), r.scansPerSecond(), r.errors())));
    return out;
  }

  ClosedLoopDriver.Result bare(Shots shots, CpuSampler cpu) throws Exception {
    LoadMain.say("Bare Vert.x roof: POST /v1/scans on 127.0.0.1:" + o.barePort() + ", " + o.connections()
        + " connections, " + o.roofSeconds() + " s");
    try (BareRoof server = BareRoof.start(o.barePort(), o.gatewayHeap(), config.transport(),
        o.out().resolve("bare-server.log"))) {
      cpu.watch("bare", server.pid());
      HttpClient client = vertx.createHttpClient(LoadMain.clientOptions(o.barePort()),
          new PoolOptions().setHttp1MaxSize(o.connections()).setMaxWaitQueueSize(-1));
      Shots unacknowledged = shots::shot; // a bare answer acknowledges nothing
      phases.awaitQuiet("bareVertx");
      long from = System.nanoTime();
      ClosedLoopDriver.Result r = LoadMain.await(new ClosedLoopDriver(client, unacknowledged, o.connections())
          .run(context, WARMUP_SECONDS, o.roofSeconds()));
      phases.ended("bareVertx", from);
      LoadMain.await(client.close());
      LoadMain.note(String.format("%,.0f req/s (p99 %.1f ms, %d errors)", r.throughput(), r.tally().millisAt(99),
          r.tally().errorCount()));
      return r;
    }
  }

  ClosedLoopDriver.Result traceGate(HttpClient client, Shots shots) throws Exception {
    LoadMain.say("TraceGate closed loop, " + o.connections() + " connections, " + o.saturationSeconds() + " s");
    phases.awaitQuiet("traceGateClosedLoop");
    long from = System.nanoTime();
    ClosedLoopDriver.Result r = LoadMain.await(new ClosedLoopDriver(client, shots, o.connections())
        .run(context, WARMUP_SECONDS, o.saturationSeconds()));
    phases.ended("traceGateClosedLoop", from);
    LoadMain.note(String.format("%,.0f scans/s (p99 %.1f ms, %d errors)", r.throughput(), r.tally().millisAt(99),
        r.tally().errorCount()));
    return r;
  }

}
