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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.visits.DayBucket;

/**
 * Redis is only a cache: kill it while scanning and every scan is still acknowledged and stored,
 * marked PRESENCE_STALE; when an empty Redis comes back, presence is rebuilt from the visit log
 * and shows everyone who scanned, including during the outage.
 */
class RedisLossIT {

  static ProjectScript script;
  static TestGateway gw;

  @BeforeAll
  static void start() throws Exception {
    int port = ProjectScript.freePort();
    Path state = Files.createTempDirectory("tracegate-redis-loss");
    script = new ProjectScript(state, Map.of("TRACEGATE_REDIS_PORT", Integer.toString(port)));
    script.run("redis", "start");
    gw = TestGateway.startPrivate(Map.of("TRACEGATE_REDIS_URI", "redis://127.0.0.1:" + port));
  }

  @AfterAll
  static void stop() {
    if (gw != null) {
      gw.close();
    }
    script.run("redis", "stop");
  }

  static JsonObject scan(String badge, String checkpointId) {
    return new JsonObject().put("scanId", UUID.randomUUID().toString()).put("qr", badge)
        .put("checkpointId", checkpointId).put("action", "IN")
        .put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
  }

  @Test
  void scansAreKeptWhileRedisIsDownAndPresenceIsRebuiltFromTheVisitLog() throws Exception {
    ParkFixture park = new ParkFixture(gw, 20);
    String before = park.worker("RB", "Nguyễn Văn An");
    String during = park.worker("RD", "Trần Thị Bình");
    String duringBadge = park.badge(during);
    HttpResponse<Buffer> first = park.api.post("/v1/scans", park.deviceKey, scan(park.badge(before), park.workshop));
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getInteger("occupancy")).isEqualTo(1);

    script.run("redis", "kill");

    HttpResponse<Buffer> down = park.api.post("/v1/scans", park.deviceKey, scan(duringBadge, park.workshop));
    assertThat(down.statusCode()).as(down.bodyAsString()).isEqualTo(201);
    assertThat(down.bodyAsJsonObject().getJsonArray("warnings")).contains("PRESENCE_STALE");
    assertThat(down.bodyAsJsonObject().getValue("occupancy")).isNull();
    HttpResponse<Buffer> ready = park.api.get("/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DEGRADED");
    assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getJsonObject("redis").getString("status")).isEqualTo("DOWN");
    assertThat(gw.session.execute(SimpleStatement.newInstance(
        "SELECT scan_id FROM visits_by_worker WHERE worker_id = ? AND day = ?", during, DayBucket.of(Instant.now())))
        .all()).hasSize(1);

    script.run("redis", "start");

    JsonObject presence = null;
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject r = park.api.get("/ready", null).bodyAsJsonObject();
      if ("UP".equals(r.getString("status"))) {
        HttpResponse<Buffer> p = park.api.get("/v1/presence/checkpoints/" + park.workshop, gw.bearer("health"));
        if (p.statusCode() == 200 && p.bodyAsJsonObject().getInteger("occupancy") == 2) {
          presence = p.bodyAsJsonObject();
          break;
        }
      }
      Thread.sleep(200);
    }
    assertThat(presence).as("presence rebuilt within 30 s").isNotNull();
    assertThat(presence.getJsonArray("present").stream().map(o -> ((JsonObject) o).getString("workerId")))
        .containsExactlyInAnyOrder(before, during);
    HttpResponse<Buffer> after = park.api.post("/v1/scans", park.deviceKey,
        scan(park.badge(park.worker("RA", "Lê Văn Cường")), park.workshop));
    assertThat(after.bodyAsJsonObject().getInteger("occupancy")).isEqualTo(3);
    assertThat(after.bodyAsJsonObject().getJsonArray("warnings")).isEmpty();
  }
}
