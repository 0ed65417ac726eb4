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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import vn.tracegate.gateway.config.GatewayConfig;
import vn.tracegate.loadtest.driver.ClosedLoopDriver;
import vn.tracegate.loadtest.driver.CpuSampler;
import vn.tracegate.loadtest.driver.GcLog;
import vn.tracegate.loadtest.driver.HeapSampler;
import vn.tracegate.loadtest.driver.LatencyPlot;
import vn.tracegate.loadtest.driver.OpenLoadDriver;
import vn.tracegate.loadtest.driver.OpenRun;
import vn.tracegate.loadtest.driver.ProgressBar;
import vn.tracegate.loadtest.driver.ScanShots;
import vn.tracegate.loadtest.driver.Schedule;
import vn.tracegate.loadtest.park.AdminApi;
import vn.tracegate.loadtest.park.DayTimeline;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.Park;
import vn.tracegate.loadtest.park.ParkGenerator;
import vn.tracegate.loadtest.park.ParkSeeder;
import vn.tracegate.loadtest.park.SeededPark;
import vn.tracegate.loadtest.roof.CassandraRoof;
import vn.tracegate.loadtest.roof.CassandraWarmup;
import vn.tracegate.loadtest.verify.AckedScans;
import vn.tracegate.loadtest.verify.NoLossCheck;

/**
 * The load test: generates and seeds a park through a running gateway, drives it with an
 * open-model schedule, then measures TraceGate's closed-loop saturation and the roofs (Cassandra
 * taking the same rows, a bare Vert.x endpoint) in the same run, checks that every acknowledged scan is in both visit tables, and writes
 * {@code report.json}, {@code report.md} and {@code latency.png}. Reads the gateway's own
 * {@code TRACEGATE_*} settings (Cassandra, JWT secret). Exit status 3 when a scan was lost.
 */
public final class LoadMain {

  private final LoadOptions o;
  private final GatewayConfig config;
  private final Vertx vertx;
  private final String command;

  LoadMain(LoadOptions o, GatewayConfig config, Vertx vertx, String command) {
    this.o = o;
    this.config = config;
    this.vertx = vertx;
    this.command = command;
  }

  public static void main(String[] args) {
    // One event loop drives every request; a worker may block for minutes waiting for a quiet machine.
    CliMain.main("loadtest", args, LoadOptions.USAGE, LoadOptions::parse, new VertxOptions().setEventLoopPoolSize(1)
            .setWorkerPoolSize(2).setMaxWorkerExecuteTime(2).setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS),
        "TRACEGATE_LOAD_COMMAND", (options, config, vertx, command) -> new LoadMain(options, config, vertx, command).run());
  }

  /**
   * Waits (up to {@code --quiet-wait}) until the gateway's trace index has loaded: a gateway just
   * started reads up to 14 days of the visit log into memory, which takes both cores for a minute
   * or more here. The open model measures the steady state after it (the report says how long it
   * waited); a gateway whose index is off (or that has no such metric) is not waited for.
   */
  private void awaitTraceIndex(WebClient web) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + (long) (o.quietWaitSeconds() * 1e9);
    while (System.nanoTime() < deadline) {
      String metrics;
      try {
        metrics = web.get("/metrics").send().map(r -> r.bodyAsString()).toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        metrics = "";
      }
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^tracegate_trace_index_ready(?:\\{[^}]*})? (\\S+)")
          .matcher(metrics == null ? "" : metrics);
      boolean index = m.find();
      if (!index || Double.parseDouble(m.group(1)) >= 1) {
        if (index) {
          traceIndexWaitSeconds = (System.nanoTime() - start) / 1e9;
          note(String.format("trace index loaded (waited %.0f s)", traceIndexWaitSeconds));
        }
        return;
      }
      Thread.sleep(1_000);
    }
    traceIndexWaitSeconds = (System.nanoTime() - start) / 1e9;
    note("the gateway's trace index did not load within --quiet-wait; measuring anyway");
  }

  private double traceIndexWaitSeconds;

  int run() throws Exception {
    Files.createDirectories(o.out());
    Park park = ParkGenerator.generate(o.seed(), o.workers());
    List<ScanEvent> events = o.scenario().events(DayTimeline.of(park));
    say("Park k" + o.seed() + ": " + park.enterprises().size() + " enterprises, " + park.checkpoints().size()
        + " checkpoints, " + park.trips().size() + " bus trips, " + park.workers().size() + " workers; scenario "
        + o.scenario().cliName() + " replays " + events.size() + " scans");
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost(o.baseUrl().getHost())
        .setDefaultPort(o.baseUrl().getPort()), new PoolOptions().setHttp1MaxSize(64));
    String runTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
        36L * 36 * 36 * 36 * 36 * 36), 36);
    SeededPark seeded = await(new ParkSeeder(new AdminApi(vertx, web, config.jwtSecret()), LoadMain::note)
        .seed(park, runTag));
    note("seeded in " + seeded.seconds() + " s (scanners " + runTag + "); badges valid until "
        + seeded.badgesValidUntil());

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
    PhaseLog phases = new PhaseLog(cpu, t0, o.quietBelow(), o.quietWaitSeconds());
    Ceilings ceilings = new Ceilings(o, config, vertx, context, phases);

    CqlSession session = await(config.cassandra().open(true));
    String cassandraVersion = session.execute("SELECT release_version FROM system.local").one().getString(0);
    List<CassandraRoof.Result> cassandraRoof = new ArrayList<>();
    ClosedLoopDriver.Result bare = null;
    ClosedLoopDriver.Result saturation = null;

    Schedule schedule = o.schedule();
    say("Open model: " + (o.isRamp() ? "ramp " + rates(o.ramp()) + " scans/s, " + o.stepSeconds() + " s each"
        : o.rate() + " scans/s for " + o.durationSeconds() + " s") + (o.warmupSeconds() > 0 ? " after "
        + o.warmupSeconds() + " s warm-up" : ""));
    CassandraWarmup.Result cassandraWarmup = ceilings.warmCassandra(park, events);
    awaitTraceIndex(web);
    phases.waited("traceIndexLoad", traceIndexWaitSeconds);
    phases.awaitQuiet("openModel");
    ProgressBar bar = new ProgressBar(System.err, System.console() != null, heap::lastUsedMb);
    IntFunction<Future<Void>> betweenSteps = o.quietWaitSeconds() <= 0 ? null
        : k -> vertx.executeBlocking(() -> {
          phases.awaitQuiet("step " + (k + 1) + " (" + Math.round(schedule.steps().get(k).rate()) + "/s)");
          return null;
        }, false);
    OpenRun run = await(new OpenLoadDriver(vertx, client, schedule, shots, o.maxInFlight(), 10_000, bar::show,
        betweenSteps).run(context));
    bar.done();
    phases.ended("openModel", run.startNanos());
    Files.writeString(o.out().resolve("open-model.window"), run.startedAt() + " "
        + Instant.now() + "\n");
    Thread.sleep(2_500); // one more heap sample after the last answer
    heap.stop();
    // The ceilings come after the open model: the roofs write hundreds of thousands of rows, and
    // Cassandra's flushes and compactions of them would otherwise run during the measured steps.
    if (o.saturationSeconds() > 0) {
      saturation = ceilings.traceGate(client, shots);
    }
    if (o.roofSeconds() > 0) {
      cassandraRoof = ceilings.cassandra(park, events);
      bare = ceilings.bare(shots, cpu);
    }
    cpu.stop();

    say("No-loss check: " + acked.size() + " acknowledged scans against both visit tables");
    NoLossCheck.Result noLoss = new NoLossCheck(session).check(acked, i -> park.workers().get(i).id(),
        i -> park.checkpoints().get(i).id());
    session.close();
    note(noLoss.toJson().encode());

    JsonObject cpuByStep = phases.toJson(run);
    Map<String, GcLog> gcLogs = gcLogs(o.out());
    for (int k = 0; k < schedule.steps().size(); k++) {
      JsonObject step = cpuByStep.getJsonObject("steps").getJsonObject(Integer.toString(k));
      double perWrite = heap.scansPerWrite((run.stepStartNanos(k) - t0) / 1e9, (run.stepEndNanos(k) - t0) / 1e9);
      if (step != null && !Double.isNaN(perWrite)) {
        step.put("scansPerWrite", Math.round(perWrite * 100) / 100.0);
      }
      if (step != null && !gcLogs.isEmpty()) {
        Instant from = run.startedAt().plusNanos(run.stepStartNanos(k) - run.startNanos());
        Instant to = run.startedAt().plusNanos(run.stepEndNanos(k) - run.startNanos());
        JsonObject gc = new JsonObject();
        gcLogs.forEach((process, log) -> gc.put(process, log.window(from, to).toJson()));
        step.put("gc", gc);
      }
    }
    RunReport report = new RunReport(o, command, MachineInfo.describe(cassandraVersion),
        park.summary().put("scenarioScans", events.size()), cassandraWarmup, cassandraRoof, bare, saturation, run,
        cpuByStep, heap, noLoss);
    Files.writeString(o.out().resolve("report.json"), report.toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(o.out().resolve("report.md"), report.toMarkdown(), StandardCharsets.UTF_8);
    LatencyPlot.write(run, heap.samples(), t0,
        "TraceGate " + o.scenario().cliName() + " — " + (o.isRamp() ? "ramp " + rates(o.ramp()) + " scans/s"
            : RunReport.fmt(o.rate()) + " scans/s for " + RunReport.fmt(o.durationSeconds()) + " s"),
        o.out().resolve("latency.png"));
    say("Verdict");
    for (String[] v : report.verdicts()) {
      note(v[0] + ": " + v[1] + " → " + v[2]);
    }
    return noLoss.lost() == 0 ? 0 : 3;
  }

  /**
   * The GC logs the run's processes write beside the report ({@code ./tracegate load} links
   * Cassandra's there), by process; those missing are left out.
   */
  static Map<String, GcLog> gcLogs(Path out) {
    Map<String, GcLog> logs = new LinkedHashMap<>();
    for (String process : List.of("gateway", "cassandra", "driver")) {
      Path file = out.resolve(process + "-gc.log");
      if (Files.exists(file)) {
        logs.put(process, GcLog.read(file));
      }
    }
    return logs;
  }

  static String rates(List<Double> rates) {
    return String.join(", ", rates.stream().map(RunReport::fmt).toList());
  }

  /**
   * The driver's connections. The pool lets a connection go after 20 s unused, before its own
   * 30 s idle timer or the gateway's 60 s one can close it: a connection closed by a timer could
   * still be handed a request in the instant before the pool hears of it, which failed 2 of
   * 15,000 requests (HttpClosedException) after the quiet pause that ends the warm-up, in two runs.
   */
  public static HttpClientOptions clientOptions(int port) {
    return new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port).setKeepAlive(true)
        .setKeepAliveTimeout(20).setTcpNoDelay(true).setConnectTimeout(2_000).setIdleTimeout(30);
  }

  public static <T> T await(Future<T> future) throws Exception {
    return await(future.toCompletionStage());
  }

  public static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(Duration.ofHours(2).toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  public static void say(String s) {
    System.err.println("==> " + s);
  }

  public static void note(String s) {
    System.err.println("    " + s);
  }
}
