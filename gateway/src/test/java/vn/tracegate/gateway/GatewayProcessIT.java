package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * The gateway as an operator runs it, through {@code ./tracegate gateway}: killed with -9 while
 * scanners send, restarted, and nothing acknowledged is lost and no retry is stored twice;
 * stopped with SIGTERM under load, and every scan it acknowledged is stored; flooded past its
 * in-flight bound, it sheds load at once with 503 and then serves normally.
 */
class GatewayProcessIT {

  /** Registers a park and {@code n} workers on the gateway; returns their badges. */
  static List<String> setUp(GatewayProcess gw, ParkFixture[] out, List<String> workers, int n) {
    ParkFixture park = new ParkFixture(gw.api(), gw.bearer("admin"), 10_000);
    out[0] = park;
    List<String> badges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String w = park.worker("G" + (char) ('A' + i), "Công Nhân " + (char) ('A' + i));
      workers.add(w);
      badges.add(park.badge(w));
    }
    return badges;
  }

  static List<ScanClient> run(GatewayProcess gw, ParkFixture park, List<String> badges, AtomicBoolean stop,
      ExecutorService pool, long retryForMillis) {
    List<ScanClient> clients = new ArrayList<>();
    for (String badge : badges) {
      ScanClient c = new ScanClient(gw.api(), park.deviceKey, badge, park.workshop, stop, 2_000, retryForMillis);
      clients.add(c);
      pool.submit(c);
    }
    return clients;
  }

  /** Every stored scan id of these workers today, from one visit table; duplicates kept. */
  static List<String> stored(String table, String keyColumn, List<String> keys) throws Exception {
    TestGateway shared = TestGateway.get();
    List<String> ids = new ArrayList<>();
    for (String key : keys) {
      for (Row row : shared.session.execute(SimpleStatement.newInstance(
          "SELECT scan_id FROM " + table + " WHERE " + keyColumn + " = ? AND day = ?", key,
          DayBucket.of(Instant.now())))) {
        ids.add(row.getUuid(0).toString());
      }
    }
    return ids;
  }

  static Set<String> union(List<ScanClient> clients) {
    Set<String> all = new HashSet<>();
    clients.forEach(c -> all.addAll(c.acknowledged));
    return all;
  }

  @Test
  void aGatewayKilledWithMinus9LosesNothingAcknowledgedAndRetriesStoreNothingTwice() throws Exception {
    try (GatewayProcess gw = new GatewayProcess(Map.of()).start()) {
      ParkFixture[] park = new ParkFixture[1];
      List<String> workers = new ArrayList<>();
      List<String> badges = setUp(gw, park, workers, 6);
      // As an operator starts it, the gateway runs Linux's epoll (net.transport) and says so.
      assertThat(gw.api().get("/metrics", null).bodyAsString())
          .contains("tracegate_net_transport{transport=\"epoll\"} 1.0");
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(badges.size());
      List<ScanClient> clients = run(gw, park[0], badges, stop, pool, 120_000);

      Thread.sleep(3_000);
      gw.script.run("gateway", "kill");
      Thread.sleep(1_000);
      gw.script.run("gateway", "start");
      Thread.sleep(3_000);
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      Set<String> acknowledged = union(clients);
      assertThat(acknowledged).hasSizeGreaterThan(50);
      List<String> byWorker = stored("visits_by_worker", "worker_id", workers);
      List<String> byCheckpoint = stored("visits_by_checkpoint", "checkpoint_id", List.of(park[0].workshop));
      assertThat(byWorker).doesNotHaveDuplicates().containsAll(acknowledged);
      assertThat(byCheckpoint).doesNotHaveDuplicates().containsAll(acknowledged);
      // Scans the killed gateway wrote but could not acknowledge are retried by the client with
      // the same scanId and then acknowledged: nothing is stored that was never acknowledged.
      assertThat(clients).allSatisfy(c -> assertThat(c.abandoned).as("scans given up after 120 s").isEmpty());
      Set<String> unacknowledged = new HashSet<>(byWorker);
      unacknowledged.removeAll(acknowledged);
      assertThat(unacknowledged).as("stored but never acknowledged; statuses "
          + clients.stream().map(c -> c.statuses.toString()).toList()).isEmpty();
    }
  }

  @Test
  void sigtermUnderLoadFinishesInFlightScansAndEveryAcknowledgedScanIsStored() throws Exception {
    GatewayProcess gw = new GatewayProcess(Map.of()).start();
    try {
      ParkFixture[] park = new ParkFixture[1];
      List<String> workers = new ArrayList<>();
      List<String> badges = setUp(gw, park, workers, 6);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(badges.size());
      // The stopped gateway does not come back: a scan unanswered for 2 s is given up.
      List<ScanClient> clients = run(gw, park[0], badges, stop, pool, 2_000);
      Thread.sleep(3_000);

      long start = System.nanoTime();
      gw.script.run("gateway", "stop");
      long stopMillis = (System.nanoTime() - start) / 1_000_000;
      HttpResponse<Buffer> after = gw.api().attempt("/v1/scans", park[0].deviceKey, new JsonObject());
      stop.set(true);
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

      assertThat(after).as("a new request after SIGTERM is refused (no listener)").isNull();
      assertThat(stopMillis).as("graceful stop time").isLessThan(15_000);
      clients.forEach(c -> assertThat(c.statuses.keySet()).as("statuses " + c.statuses).doesNotContain(500));
      Set<String> acknowledged = union(clients);
      assertThat(acknowledged).hasSizeGreaterThan(20);
      assertThat(stored("visits_by_worker", "worker_id", workers)).doesNotHaveDuplicates().containsAll(acknowledged);
    } finally {
      gw.vertx.close();
    }
  }

  @Test
  void floodedPastItsInFlightBoundItShedsLoadAtOnceAndThenServesNormally() throws Exception {
    try (GatewayProcess gw = new GatewayProcess(Map.of("TRACEGATE_HTTP_MAX_IN_FLIGHT", "8")).start()) {
      ParkFixture park = new ParkFixture(gw.api(), gw.bearer("admin"), 10_000);
      String w = park.worker("OV", "Công Nhân Quá Tải");
      String badge = park.badge(w);
      Api api = gw.api();
      List<io.vertx.core.Future<HttpResponse<Buffer>>> flood = new ArrayList<>();
      var client = io.vertx.ext.web.client.WebClient.create(gw.vertx,
          new io.vertx.ext.web.client.WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(gw.port),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(200));
      long start = System.nanoTime();
      for (int i = 0; i < 400; i++) {
        JsonObject scan = new JsonObject().put("scanId", UUID.randomUUID().toString()).put("qr", badge)
            .put("checkpointId", park.workshop).put("action", "IN").put("at", Instant.now().toString());
        flood.add(client.post("/v1/scans").putHeader("Authorization", park.deviceKey).sendJsonObject(scan));
      }
      io.vertx.core.Future.join(new ArrayList<>(flood)).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      Map<Integer, Integer> statuses = new java.util.TreeMap<>();
      for (var f : flood) {
        statuses.merge(f.succeeded() ? f.result().statusCode() : -1, 1, Integer::sum);
      }
      HttpResponse<Buffer> shed = flood.stream().filter(f -> f.succeeded() && f.result().statusCode() == 503)
          .map(io.vertx.core.Future::result).findFirst().orElse(null);

      assertThat(statuses.keySet()).as("statuses " + statuses).containsOnly(201, 503);
      assertThat(shed).isNotNull();
      assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
      assertThat(Api.code(shed)).isEqualTo("OVERLOADED");
      assertThat(millis).as("400 requests answered").isLessThan(30_000);
      JsonObject normal = new JsonObject().put("scanId", UUID.randomUUID().toString()).put("qr", badge)
          .put("checkpointId", park.workshop).put("action", "OUT").put("at", Instant.now().toString());
      assertThat(api.post("/v1/scans", park.deviceKey, normal).statusCode()).isEqualTo(201);
    }
  }
}
