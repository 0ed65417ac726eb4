package vn.tracegate.loadtest;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import vn.tracegate.checkin.schema.SchemaMigrator;
import vn.tracegate.checkin.store.CassandraSettings;
import vn.tracegate.gateway.config.ConfigException;
import vn.tracegate.gateway.config.ConfigSource;
import vn.tracegate.gateway.config.GatewayConfig;
import vn.tracegate.loadtest.driver.ClosedLoopDriver;
import vn.tracegate.loadtest.driver.CpuSampler;
import vn.tracegate.loadtest.driver.HeapSampler;
import vn.tracegate.loadtest.driver.LatencyPlot;
import vn.tracegate.loadtest.driver.OpenLoadDriver;
import vn.tracegate.loadtest.driver.OpenRun;
import vn.tracegate.loadtest.driver.ProgressBar;
import vn.tracegate.loadtest.driver.ScanShots;
import vn.tracegate.loadtest.driver.Schedule;
import vn.tracegate.loadtest.driver.Shots;
import vn.tracegate.loadtest.park.AdminApi;
import vn.tracegate.loadtest.park.DayTimeline;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.Park;
import vn.tracegate.loadtest.park.ParkGenerator;
import vn.tracegate.loadtest.park.ParkSeeder;
import vn.tracegate.loadtest.park.SeededPark;
import vn.tracegate.loadtest.roof.BareRoof;
import vn.tracegate.loadtest.roof.CassandraRoof;
import vn.tracegate.loadtest.verify.AckedScans;
import vn.tracegate.loadtest.verify.NoLossCheck;

/**
 * The load test: generates and seeds a park through a running gateway, measures the roofs
 * (Cassandra taking the same rows, a bare Vert.x endpoint), drives the gateway with an open-model
 * schedule, checks that every acknowledged scan is in both visit tables, and writes
 * {@code report.json}, {@code report.md} and {@code latency.png}. Reads the gateway's own
 * {@code TRACEGATE_*} settings (Cassandra, JWT secret). Exit status 3 when a scan was lost.
 */
public final class LoadMain {

  private static final int ROOF_ROWS_IN_FLIGHT = 256;
  private static final double ROOF_WARMUP_SECONDS = 5;

  private final LoadOptions o;
  private final GatewayConfig config;
  private final Vertx vertx;
  private final String command;
  private final List<String[]> phases = new ArrayList<>();
  private final JsonObject quiet = new JsonObject();

  LoadMain(LoadOptions o, GatewayConfig config, Vertx vertx, String command) {
    this.o = o;
    this.config = config;
    this.vertx = vertx;
    this.command = command;
  }

  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    GatewayConfig config;
    try {
      options = LoadOptions.parse(args);
      config = GatewayConfig.from(ConfigSource.load(System.getenv()));
    } catch (IllegalArgumentException | ConfigException e) {
      System.err.println("loadtest: " + e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    int status;
    try {
      String command = System.getenv().getOrDefault("TRACEGATE_LOAD_COMMAND", "LoadMain " + String.join(" ", args));
      status = new LoadMain(options, config, vertx, command).run();
    } catch (Exception e) {
      System.err.println("\nloadtest: failed: " + e);
      status = 1;
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Exiting anyway.
    }
    System.exit(status);
  }

  int run() throws Exception {
    Files.createDirectories(o.out());
    Park park = ParkGenerator.generate(o.seed(), o.workers());
    List<ScanEvent> events = o.scenario().events(DayTimeline.of(park));
    say("Park k" + o.seed() + ": " + park.enterprises().size() + " enterprises, " + park.checkpoints().size()
        + " checkpoints, " + park.trips().size() + " bus trips, " + park.workers().size() + " workers; scenario "
        + o.scenario().cliName() + " replays " + events.size() + " scans");
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost(o.baseUrl().getHost())
        .setDefaultPort(o.baseUrl().getPort()), new PoolOptions().setHttp1MaxSize(64));
    String runTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    SeededPark seeded = await(new ParkSeeder(new AdminApi(vertx, web, config.jwtSecret()), LoadMain::note)
        .seed(park, runTag));
    Schedule schedule = o.schedule();
    Instant lastAt = Instant.now().plusSeconds(120 + (long) (schedule.durationMicros() / 1e6 + 4 * o.roofSeconds()));
    if (seeded.badgesValidUntil().isBefore(lastAt)) {
      throw new IllegalStateException("badges expire at " + seeded.badgesValidUntil() + ", before the run ends");
    }
    note("seeded in " + seeded.seconds() + " s (scanners " + runTag + ")");

    HttpClient client = vertx.createHttpClient(clientOptions(o.baseUrl().getPort()),
        new PoolOptions().setHttp1MaxSize(o.connections()).setMaxWaitQueueSize(-1));
    Context context = vertx.getOrCreateContext();
    AckedScans acked = new AckedScans();
    ScanShots shots = new ScanShots(seeded, events, acked);
    Map<String, Long> watch = new LinkedHashMap<>(o.watch());
    watch.put("driver", ProcessHandle.current().pid());
    CpuSampler cpu = new CpuSampler(watch);
    HeapSampler heap = new HeapSampler(vertx, web);
    long t0 = System.nanoTime();
    cpu.start(t0);
    heap.start(t0);

    CqlSession session = await(config.cassandra().open(true));
    String cassandraVersion = session.execute("SELECT release_version FROM system.local").one().getString(0);
    List<CassandraRoof.Result> cassandraRoof = new ArrayList<>();
    ClosedLoopDriver.Result bare = null;
    ClosedLoopDriver.Result saturation = null;
    if (o.roofSeconds() > 0) {
      cassandraRoof = cassandraRoof(park, events, context, cpu, t0);
      bare = bareRoof(shots, context, cpu, t0);
    }
    if (o.saturationSeconds() > 0) {
      say("TraceGate closed loop, " + o.connections() + " connections, " + o.saturationSeconds() + " s");
      awaitQuiet(cpu, "traceGateClosedLoop");
      long from = System.nanoTime();
      saturation = await(new ClosedLoopDriver(client, shots, o.connections())
          .run(context, ROOF_WARMUP_SECONDS, o.saturationSeconds()));
      phase("traceGateClosedLoop", t0, from);
      note(String.format("%,.0f scans/s (p99 %.1f ms, %d errors)", saturation.throughput(),
          saturation.tally().millisAt(99), saturation.tally().errorCount()));
    }
    if (o.roofSeconds() > 0 || o.saturationSeconds() > 0) {
      Thread.sleep(5_000); // let Cassandra flush what the roofs wrote
    }

    say("Open model: " + (o.isRamp() ? "ramp " + o.ramp() + " scans/s, " + o.stepSeconds() + " s each"
        : o.rate() + " scans/s for " + o.durationSeconds() + " s") + (o.warmupSeconds() > 0 ? " after "
        + o.warmupSeconds() + " s warm-up" : ""));
    awaitQuiet(cpu, "openModel");
    ProgressBar bar = new ProgressBar(System.err, System.console() != null, heap::lastUsedMb);
    OpenRun run = await(new OpenLoadDriver(vertx, client, schedule, shots, o.maxInFlight(), 10_000, bar::show)
        .run(context));
    bar.done();
    phase("openModel", t0, run.startNanos());
    Files.writeString(o.out().resolve("open-model.window"), run.startedAt() + " "
        + run.startedAt().plusMillis((long) (run.wallSeconds() * 1000)) + "\n");
    Thread.sleep(2_500); // one more heap sample after the last answer
    heap.stop();
    cpu.stop();

    say("No-loss check: " + acked.size() + " acknowledged scans against both visit tables");
    NoLossCheck.Result noLoss = new NoLossCheck(session).check(acked, i -> park.workers().get(i).id(),
        i -> park.checkpoints().get(i).id());
    session.close();
    note(noLoss.toJson().encode());

    RunReport report = new RunReport(o, command, MachineInfo.describe(cassandraVersion),
        park.summary().put("scenarioScans", events.size()), cassandraRoof, bare, saturation, run,
        cpuJson(cpu, run, t0), heap, noLoss);
    Files.writeString(o.out().resolve("report.json"), report.toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(o.out().resolve("report.md"), report.toMarkdown(), StandardCharsets.UTF_8);
    LatencyPlot.write(run, heap.samples(), (run.startNanos() - t0) / 1_000_000,
        "TraceGate " + o.scenario().cliName() + " — " + (o.isRamp() ? "ramp " + o.ramp() : o.rate() + "/s"),
        o.out().resolve("latency.png"));
    say("Verdict");
    for (String[] v : report.verdicts()) {
      note(v[0] + ": " + v[1] + " → " + v[2]);
    }
    return noLoss.lost() == 0 ? 0 : 3;
  }

  private List<CassandraRoof.Result> cassandraRoof(Park park, List<ScanEvent> events, Context context,
      CpuSampler cpu, long t0)
      throws Exception {
    CassandraSettings main = config.cassandra();
    CassandraSettings roof = new CassandraSettings(main.contactPoints(), main.datacenter(), main.keyspace() + "_roof",
        main.replication(), main.consistency(), main.requestTimeout());
    say("Cassandra roof: the same rows into keyspace " + roof.keyspace() + ", " + ROOF_ROWS_IN_FLIGHT
        + " rows in flight, " + o.roofSeconds() + " s a mode");
    try (CqlSession admin = await(roof.open(false))) {
      await(new SchemaMigrator(admin, roof.keyspace(), roof.replication(), config.retention()).migrate());
    }
    List<CassandraRoof.Result> out = new ArrayList<>();
    try (CqlSession session = await(roof.open(true))) {
      CassandraRoof bench = new CassandraRoof(vertx, session, park, events, ROOF_ROWS_IN_FLIGHT);
      awaitQuiet(cpu, "cassandraRoof");
      long from = System.nanoTime();
      out.add(bench.singleInserts(ROOF_WARMUP_SECONDS, o.roofSeconds()));
      phase("cassandraSingleInserts", t0, from);
      from = System.nanoTime();
      out.add(await(bench.visitLog(context, ROOF_WARMUP_SECONDS, o.roofSeconds())));
      phase("cassandraVisitLog", t0, from);
    }
    out.forEach(r -> note(String.format("%s: %,.0f rows/s = %,.0f scans/s (%d errors)", r.mode(), r.rowsPerSecond(),
        r.scansPerSecond(), r.errors())));
    return out;
  }

  private ClosedLoopDriver.Result bareRoof(ScanShots shots, Context context, CpuSampler cpu, long t0)
      throws Exception {
    say("Bare Vert.x roof: POST /v1/scans on 127.0.0.1:" + o.barePort() + ", " + o.connections() + " connections, "
        + o.roofSeconds() + " s");
    try (BareRoof server = BareRoof.start(o.barePort(), o.gatewayHeap(), o.out().resolve("bare-server.log"))) {
      cpu.watch("bare", server.pid());
      HttpClient bareClient = vertx.createHttpClient(clientOptions(o.barePort()),
          new PoolOptions().setHttp1MaxSize(o.connections()).setMaxWaitQueueSize(-1));
      Shots unacknowledged = shots::shot; // a bare answer acknowledges nothing
      awaitQuiet(cpu, "bareVertx");
      long from = System.nanoTime();
      ClosedLoopDriver.Result r = await(new ClosedLoopDriver(bareClient, unacknowledged, o.connections())
          .run(context, ROOF_WARMUP_SECONDS, o.roofSeconds()));
      phase("bareVertx", t0, from);
      await(bareClient.close());
      note(String.format("%,.0f req/s (p99 %.1f ms, %d errors)", r.throughput(), r.tally().millisAt(99),
          r.tally().errorCount()));
      return r;
    }
  }

  private static HttpClientOptions clientOptions(int port) {
    return new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
        .setTcpNoDelay(true).setConnectTimeout(2_000).setIdleTimeout(30);
  }

  /** Waits for other sessions' builds and tests to pause before a measured phase; notes what it found. */
  private void awaitQuiet(CpuSampler cpu, String phase) throws InterruptedException {
    if (o.quietWaitSeconds() <= 0) {
      return;
    }
    long start = System.nanoTime();
    double other = cpu.awaitQuiet(o.quietBelow(), o.quietWaitSeconds(), busy -> System.err.printf(
        "\r    waiting for a quiet machine before %s: other processes use %.0f%% of a core ...", phase, busy));
    double waited = (System.nanoTime() - start) / 1e9;
    if (waited > 3) {
      System.err.println();
    }
    quiet.put(phase, new JsonObject().put("otherCpuPercent", Math.round(other)).put("waitedSeconds", Math.round(waited))
        .put("quiet", other < o.quietBelow()));
    if (other >= o.quietBelow()) {
      note(String.format("the machine did not quiet down (other processes at %.0f%% of a core): measuring anyway", other));
    }
  }

  /** Marks a phase from {@code fromNanos} to now, for the CPU table. */
  private void phase(String name, long t0, long fromNanos) {
    phases.add(new String[] {name, Double.toString((fromNanos - t0) / 1e9), Double.toString((System.nanoTime() - t0) / 1e9)});
  }

  private JsonObject cpuJson(CpuSampler cpu, OpenRun run, long t0) {
    JsonObject byPhase = new JsonObject();
    for (String[] p : phases) {
      byPhase.put(p[0], cpu.average(Double.parseDouble(p[1]), Double.parseDouble(p[2])));
    }
    JsonObject bySteps = new JsonObject();
    double offset = (run.startNanos() - t0) / 1e9;
    double from = offset;
    for (int k = 0; k < run.schedule().steps().size(); k++) {
      double to = from + run.schedule().steps().get(k).seconds();
      bySteps.put(Integer.toString(k), cpu.average(from, to));
      from = to;
    }
    return new JsonObject().put("unit", "percent of one core; machine = all cores busy").put("phases", byPhase)
        .put("quietBeforePhases", quiet)
        .put("steps", bySteps).put("series", cpu.toJson());
  }

  static <T> T await(Future<T> future) throws Exception {
    return await(future.toCompletionStage());
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(Duration.ofHours(2).toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void say(String s) {
    System.err.println("==> " + s);
  }

  private static void note(String s) {
    System.err.println("    " + s);
  }
}
