package vn.tracegate.loadtest.chaos;

import static vn.tracegate.loadtest.LoadMain.await;
import static vn.tracegate.loadtest.LoadMain.note;
import static vn.tracegate.loadtest.LoadMain.say;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.datastax.oss.driver.api.core.CqlSession;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;
import vn.tracegate.gateway.config.GatewayConfig;
import vn.tracegate.loadtest.CliMain;
import vn.tracegate.loadtest.LoadMain;
import vn.tracegate.loadtest.MachineInfo;
import vn.tracegate.loadtest.driver.ScanShots;
import vn.tracegate.loadtest.park.AdminApi;
import vn.tracegate.loadtest.park.DayTimeline;
import vn.tracegate.loadtest.park.DayTimeline.ScanEvent;
import vn.tracegate.loadtest.park.Park;
import vn.tracegate.loadtest.park.ParkGenerator;
import vn.tracegate.loadtest.park.ParkSeeder;
import vn.tracegate.loadtest.park.Scenario;
import vn.tracegate.loadtest.park.SeededPark;
import vn.tracegate.loadtest.verify.AckedScans;
import vn.tracegate.loadtest.verify.NoLossCheck;

/**
 * The chaos run ({@code ./tracegate chaos}): seeds a park through the gateway of the run, drives
 * scans at a constant rate with retries, and on a schedule injects each fault through
 * {@code ./tracegate} (a baseline phase, then one phase per fault: inject, hold, heal, wait for the
 * first 2xx), then checks every scan sent against both visit tables and writes {@code report.json}
 * and {@code report.md}. Exit status 3 when an acknowledged scan is lost or a scan is stored twice,
 * 4 when a fault could not be injected or the gateway did not recover from it.
 */
public final class ChaosMain {

  static final double SETTLE_SECONDS = 3;

  private final ChaosOptions o;
  private final GatewayConfig config;
  private final Vertx vertx;
  private final String command;

  ChaosMain(ChaosOptions o, GatewayConfig config, Vertx vertx, String command) {
    this.o = o;
    this.config = config;
    this.vertx = vertx;
    this.command = command;
  }

  public static void main(String[] args) {
    CliMain.main("chaos", args, ChaosOptions.USAGE, ChaosOptions::parse,
        new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2), "TRACEGATE_CHAOS_COMMAND",
        (options, config, vertx, command) -> new ChaosMain(options, config, vertx, command).run());
  }

  int run() throws Exception {
    // A killed gateway resets every connection at once: the report counts them, the log need not.
    if (LoggerFactory.getLogger("io.vertx.core.net.impl.ConnectionBase") instanceof Logger connections) {
      connections.setLevel(Level.OFF);
    }
    Files.createDirectories(o.out());
    Instant started = Instant.now();
    Park park = ParkGenerator.generate(o.seed(), o.workers());
    List<ScanEvent> events = Scenario.SHIFT_CHANGE.events(DayTimeline.of(park));
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost(o.baseUrl().getHost())
        .setDefaultPort(o.baseUrl().getPort()), new PoolOptions().setHttp1MaxSize(16));
    String runTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36,
        36L * 36 * 36 * 36 * 36 * 36), 36);
    say("Seeding park k" + o.seed() + " (" + park.workers().size() + " workers, " + park.checkpoints().size()
        + " checkpoints)");
    SeededPark seeded = await(new ParkSeeder(new AdminApi(vertx, web, config.jwtSecret()), LoadMain::note)
        .seed(park, runTag));
    web.close();

    HttpClient client = vertx.createHttpClient(LoadMain.clientOptions(o.baseUrl().getPort()),
        new PoolOptions().setHttp1MaxSize(o.connections()).setMaxWaitQueueSize(-1));
    List<String> phaseNames = new ArrayList<>(List.of("baseline"));
    o.faults().forEach(f -> phaseNames.add(f.cliName()));
    ScanShots shots = new ScanShots(seeded, events, new AckedScans());
    ChaosDriver driver = new ChaosDriver(vertx, client, shots, o.rate(), o.maxInFlight(), 10_000,
        o.retryForSeconds(), phaseNames);
    FaultScript script = new FaultScript(o.script(), o.out().resolve("faults.log"));
    Context context = vertx.getOrCreateContext();

    say("Chaos: " + fmt(o.rate()) + " scans/s, " + fmt(o.phaseSeconds()) + " s a phase: "
        + String.join(", ", phaseNames) + (o.cluster() ? " (three-node cluster)" : "") + "; each fault held "
        + fmt(o.downSeconds()) + " s");
    long t0 = System.nanoTime();
    Future<Void> finished = driver.run(context);
    long phaseNanos = (long) (o.phaseSeconds() * 1e9);
    sleepUntil(t0 + phaseNanos);
    List<FaultEvent> timeline = new ArrayList<>();
    for (int k = 0; k < o.faults().size(); k++) {
      timeline.add(fault(k, driver, script, t0, phaseNanos));
    }
    driver.stop();
    note("load stopped at " + seconds(t0, System.nanoTime()) + " s; retrying what is unacknowledged (at most "
        + fmt(o.retryForSeconds()) + " s)");
    try {
      finished.toCompletionStage().toCompletableFuture().get((long) o.retryForSeconds() + 30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      note("retries still pending: giving them up");
      driver.abandonWaiting(context);
      finished.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    double loadSeconds = seconds(t0, System.nanoTime());
    client.close();

    say("Checking " + driver.sent().size() + " scans sent against both visit tables");
    CqlSession session = await(config.cassandra().open(true));
    NoLossCheck.Found found;
    String cassandraVersion;
    try {
      cassandraVersion = session.execute("SELECT release_version FROM system.local").one().getString(0);
      found = new NoLossCheck(session).find(driver.sent(), i -> park.workers().get(i).id(),
          i -> park.checkpoints().get(i).id());
    } finally {
      session.close();
    }
    ChaosReport report = ChaosReport.of(o, command, started, loadSeconds, MachineInfo.describe(cassandraVersion),
        driver, found, timeline,
        park.summary().put("scenario", Scenario.SHIFT_CHANGE.cliName()).put("scenarioScans", events.size()));
    Files.writeString(o.out().resolve("report.json"), report.toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(o.out().resolve("report.md"), report.toMarkdown(), StandardCharsets.UTF_8);
    say("Verdict");
    for (String[] v : report.verdicts()) {
      note(v[0] + ": " + v[1] + " → " + v[2]);
    }
    return report.exitStatus();
  }

  /**
   * Phase k+1: inject fault k, hold it, heal it, wait for the first 2xx since the heal began, then
   * let the phase run out (at least a few seconds after the recovery).
   */
  private FaultEvent fault(int k, ChaosDriver driver, FaultScript script, long t0, long phaseNanos) throws Exception {
    Fault f = o.faults().get(k);
    long phaseStart = System.nanoTime();
    driver.phase(k + 1);
    driver.clearWatch();
    say("Fault " + (k + 1) + "/" + o.faults().size() + " at " + seconds(t0, phaseStart) + " s: "
        + String.join(" ", f.inject(o.cluster())));
    FaultScript.Outcome inject = script.run(f.inject(o.cluster()), Duration.ofSeconds(120));
    sleepUntil(inject.endNanos() + (long) (o.downSeconds() * 1e9));
    note("healing at " + seconds(t0, System.nanoTime()) + " s: " + String.join(" ", f.heal(o.cluster())));
    driver.watchRecovery(System.nanoTime(), f.recoveryNeedsFreshPresence());
    FaultScript.Outcome heal = script.run(f.heal(o.cluster()), Duration.ofSeconds(360));
    long deadline = heal.endNanos() + (long) (o.recoverWithinSeconds() * 1e9);
    while (heal.ok() && driver.firstOkAfterWatch() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    FaultEvent event = new FaultEvent(f, k + 1, t0, inject, heal, heal.ok() ? driver.firstOkAfterWatch() : 0);
    note(event.recovered() ? "healed in " + heal.seconds() + " s; first 2xx " + event.recoverySeconds()
        + " s after that (outage " + event.outageSeconds() + " s)"
        : "NOT recovered (heal exit " + heal.exit() + ", " + fmt(o.recoverWithinSeconds()) + " s allowed)");
    long settled = (event.recovered() ? event.firstOkNanos() : System.nanoTime()) + (long) (SETTLE_SECONDS * 1e9);
    sleepUntil(Math.max(phaseStart + phaseNanos, settled));
    return event;
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
    }
  }

  private static double seconds(long from, long to) {
    return FaultEvent.round((to - from) / 1e9);
  }

  static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : String.format("%.1f", d);
  }
}
