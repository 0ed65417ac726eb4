package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * Three Cassandra nodes (127.0.0.1, .2, .3) started by {@code ./tracegate cluster up}, keyspace
 * RF 3, LOCAL_QUORUM: killing one node while scanners keep sending fails no scan, and every
 * acknowledged scan is stored; the node then comes back.
 */
class ClusterIT {

  static ProjectScript script;
  static TestGateway gw;


  @BeforeAll
  static void start() throws Exception {
    int cql = ProjectScript.freePort();
    Path state = Files.createTempDirectory("tracegate-cluster");
    script = new ProjectScript(state, Map.of(
        "TRACEGATE_CASSANDRA_PORT", Integer.toString(cql),
        "TRACEGATE_CASSANDRA_STORAGE_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_JMX_PORT", Integer.toString(17199 + (cql % 1000) * 3),
        "TRACEGATE_CASSANDRA_HEAP", "512m"));
    script.run("cluster", "up");
    gw = TestGateway.startPrivate(Map.of(
        "TRACEGATE_CASSANDRA_CONTACT_POINTS", "127.0.0.1:" + cql + ",127.0.0.2:" + cql + ",127.0.0.3:" + cql,
        "TRACEGATE_CASSANDRA_REPLICATION", "NetworkTopologyStrategy:datacenter1=3",
        "TRACEGATE_CASSANDRA_CONSISTENCY", "LOCAL_QUORUM",
        // One scanner carries the whole load here, far above a real gate's rate: lift its limit.
        "TRACEGATE_RATELIMIT_DEVICE_PER_SECOND", "1000000",
        "TRACEGATE_RATELIMIT_DEVICE_BURST", "1000000"));
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
    script.run("cluster", "down");
  }

  @Test
  void killingOneNodeUnderLoadFailsNoScan() throws Exception {
    ParkFixture park = new ParkFixture(gw, 1000);
    List<String> badges = new ArrayList<>();
    List<String> workers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String w = park.worker("K" + "ABCDEFGH".charAt(i), "Công Nhân " + "ABCDEFGH".charAt(i));
      workers.add(w);
      badges.add(park.badge(w));
    }
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService scanners = Executors.newFixedThreadPool(badges.size());
    List<Future<?>> running = new ArrayList<>();
    for (String badge : badges) {
      running.add(scanners.submit(() -> {
        Api api = new Api(gw.client());
        for (int n = 0; n < 400 && !stop.get(); n++) {
          String id = UUID.randomUUID().toString();
          JsonObject scan = new JsonObject().put("scanId", id).put("qr", badge).put("checkpointId", park.workshop)
              .put("action", n % 2 == 0 ? "IN" : "OUT").put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
          HttpResponse<Buffer> r = api.post("/v1/scans", park.deviceKey, scan);
          statuses.merge(r.statusCode(), 1, Integer::sum);
          if (r.statusCode() >= 300) {
            failures.add(r.statusCode() + " " + r.bodyAsString());
          }
          if (r.statusCode() == 200 || r.statusCode() == 201) {
            acknowledged.add(id);
          }
          sleep(20);
        }
      }));
    }
    Thread.sleep(3_000);
    script.run("cluster", "kill", "2");
    Thread.sleep(8_000);
    stop.set(true);
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    scanners.shutdown();

    assertThat(statuses.keySet()).as("statuses seen: " + statuses + " " + failures.stream().limit(3).toList())
        .containsOnly(201);
    assertThat(acknowledged).hasSizeGreaterThan(100);
    List<String> stored = Collections.synchronizedList(new ArrayList<>());
    for (String w : workers) {
      gw.session.execute(SimpleStatement.newInstance(
              "SELECT scan_id FROM visits_by_worker WHERE worker_id = ? AND day = ?", w, DayBucket.of(Instant.now()))
              .setIdempotent(true).setTimeout(java.time.Duration.ofSeconds(10)))
          .forEach(row -> stored.add(row.getUuid(0).toString()));
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);

    script.run("cluster", "start", "2");
    assertThat(script.run("nodetool", "status")).containsPattern("UN\\s+127\\.0\\.0\\.2");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
