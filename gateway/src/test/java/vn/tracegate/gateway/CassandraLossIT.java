package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * The visit log is the source of truth: with Cassandra stopped, scans are refused fast with 503
 * and Retry-After, never acknowledged; when it returns the gateway recovers without a restart,
 * and every acknowledged scan (and each retried one) is stored.
 */
class CassandraLossIT {

  static ProjectScript script;
  static TestGateway gw;
  static int cqlPort;


  @BeforeAll
  static void start() throws Exception {
    cqlPort = ProjectScript.freePort();
    Path state = Files.createTempDirectory("tracegate-cassandra-loss");
    script = new ProjectScript(state, Map.of(
        "TRACEGATE_CASSANDRA_PORT", Integer.toString(cqlPort),
        "TRACEGATE_CASSANDRA_STORAGE_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_JMX_PORT", Integer.toString(ProjectScript.freePort()),
        "TRACEGATE_CASSANDRA_HEAP", "512m"));
    script.run("cassandra", "start");
    gw = TestGateway.startPrivate(Map.of("TRACEGATE_CASSANDRA_CONTACT_POINTS", "127.0.0.1:" + cqlPort));
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
    script.run("cassandra", "stop");
  }

  static JsonObject scan(UUID id, String badge, String checkpointId) {
    return new JsonObject().put("scanId", id.toString()).put("qr", badge).put("checkpointId", checkpointId)
        .put("action", "IN").put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
  }

  /**
   * Reads with the test's own driver session. It reconnects on its own schedule (up to 2 s after
   * the gateway's), so a read right after the node returns may find no node yet: retry for 30 s.
   */
  static List<String> scanIds(String cql, String key) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        List<String> ids = new ArrayList<>();
        gw.session.execute(SimpleStatement.newInstance(cql, key, DayBucket.of(Instant.now())))
            .forEach(row -> ids.add(row.getUuid(0).toString()));
        return ids;
      } catch (NoNodeAvailableException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  @Test
  void whileCassandraIsDownScansAre503AndAfterItReturnsEveryAcknowledgedScanIsStored() throws Exception {
    ParkFixture park = new ParkFixture(gw, 50);
    List<String> acknowledged = new ArrayList<>();
    List<String> workers = new ArrayList<>();
    List<String> badges = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String w = park.worker("CL" + "ABCD".charAt(i), "Công Nhân " + "ABCD".charAt(i));
      workers.add(w);
      badges.add(park.badge(w));
    }
    for (int i = 0; i < 2; i++) {
      UUID id = UUID.randomUUID();
      assertThat(park.api.post("/v1/scans", park.deviceKey, scan(id, badges.get(i), park.workshop)).statusCode())
          .isEqualTo(201);
      acknowledged.add(id.toString());
    }

    script.run("cassandra", "stop");

    UUID refusedId = UUID.randomUUID();
    JsonObject refusedScan = scan(refusedId, badges.get(2), park.workshop);
    long start = System.nanoTime();
    HttpResponse<Buffer> refused = park.api.post("/v1/scans", park.deviceKey, refusedScan);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(Api.code(refused)).isIn("STORE_UNAVAILABLE", "VISIT_LOG_UNAVAILABLE");
    assertThat(millis).as("refused within the driver's request timeout").isLessThan(5_000);
    assertThat(park.api.get("/ready", null).statusCode()).isEqualTo(503);

    script.run("cassandra", "start");

    long deadline = System.currentTimeMillis() + 60_000;
    while (park.api.get("/ready", null).statusCode() != 200 && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
    }
    assertThat(park.api.get("/ready", null).statusCode()).as("recovered without a restart").isEqualTo(200);
    HttpResponse<Buffer> retried = park.api.post("/v1/scans", park.deviceKey, refusedScan);
    assertThat(retried.statusCode()).as(retried.bodyAsString()).isIn(200, 201);
    acknowledged.add(refusedId.toString());
    UUID after = UUID.randomUUID();
    assertThat(park.api.post("/v1/scans", park.deviceKey, scan(after, badges.get(3), park.workshop)).statusCode())
        .isEqualTo(201);
    acknowledged.add(after.toString());

    List<String> stored = new ArrayList<>();
    for (String w : workers) {
      stored.addAll(scanIds("SELECT scan_id FROM visits_by_worker WHERE worker_id = ? AND day = ?", w));
    }
    List<String> byCheckpoint =
        scanIds("SELECT scan_id FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", park.workshop);
    assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
    assertThat(byCheckpoint).containsExactlyInAnyOrderElementsOf(acknowledged);
  }
}
