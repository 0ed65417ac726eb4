package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lettuce.core.RedisClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tracegate.checkin.qr.QrDecoder;
import vn.tracegate.checkin.qr.QrSigner;
import vn.tracegate.checkin.qr.SigningKeyStore;
import vn.tracegate.checkin.visits.DayBucket;
import vn.tracegate.checkin.visits.VisitFeed;

/** The check-in write path end to end: real HTTP, Redis and Cassandra. */
class ScanIT {

  static TestGateway gw;

  @BeforeAll
  static void start() throws Exception {
    gw = TestGateway.get();
  }

  static JsonObject scan(UUID id, String qr, String checkpointId, String action, Instant at) {
    JsonObject body = new JsonObject().put("scanId", id.toString()).put("qr", qr).put("action", action)
        .put("at", at.toString());
    if (checkpointId != null) {
      body.put("checkpointId", checkpointId);
    }
    return body;
  }

  static List<Row> rowsByWorker(String workerId, Instant at) {
    return gw.session.execute(SimpleStatement.newInstance(
        "SELECT * FROM visits_by_worker WHERE worker_id = ? AND day = ?", workerId, DayBucket.of(at))).all();
  }

  static List<Row> rowsByCheckpoint(String checkpointId, Instant at) {
    return gw.session.execute(SimpleStatement.newInstance(
        "SELECT * FROM visits_by_checkpoint WHERE checkpoint_id = ? AND day = ?", checkpointId, DayBucket.of(at)))
        .all();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void aDeviceScanOfABadgeIsStoredInBothTablesAndCountedPresent() {
    ParkFixture park = new ParkFixture(gw, 20);
    String lan = park.worker("NV001", "Nguyễn Thị Lan");
    UUID id = UUID.randomUUID();
    Instant at = now();

    HttpResponse<Buffer> r = park.api.post("/v1/scans", park.deviceKey, scan(id, park.badge(lan), park.workshop, "IN", at));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("scanId")).isEqualTo(id.toString());
    assertThat(body.getString("workerId")).isEqualTo(lan);
    assertThat(body.getString("checkpointId")).isEqualTo(park.workshop);
    assertThat(body.getInteger("occupancy")).isEqualTo(1);
    assertThat(body.getInteger("capacity")).isEqualTo(20);
    assertThat(body.getJsonArray("warnings")).isEmpty();
    assertThat(rowsByWorker(lan, at)).singleElement().satisfies(row -> {
      assertThat(row.getUuid("scan_id")).isEqualTo(id);
      assertThat(row.getString("checkpoint_id")).isEqualTo(park.workshop);
      assertThat(row.getString("action")).isEqualTo("IN");
      assertThat(row.getInstant("at")).isEqualTo(at);
      assertThat(row.getString("device_id")).isEqualTo(park.device);
    });
    assertThat(rowsByCheckpoint(park.workshop, at)).extracting(row -> row.getString("worker_id")).containsExactly(lan);

    HttpResponse<Buffer> presence = park.api.get("/v1/presence/checkpoints/" + park.workshop, gw.bearer("health"));
    assertThat(presence.statusCode()).isEqualTo(200);
    assertThat(presence.bodyAsJsonObject().getInteger("occupancy")).isEqualTo(1);
    assertThat(presence.bodyAsJsonObject().getJsonArray("present").getJsonObject(0).getString("workerId")).isEqualTo(lan);
  }

  @Test
  void anAcknowledgedScanIsInTheVisitFeedTheTraceIndexesFollowOnce() {
    ParkFixture park = new ParkFixture(gw, 20);
    String hoa = park.worker("NV009", "Phạm Thị Hoa");
    UUID id = UUID.randomUUID();
    Instant at = now();

    HttpResponse<Buffer> r = park.api.post("/v1/scans", park.deviceKey, scan(id, park.badge(hoa), park.workshop, "IN", at));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getInteger("occupancy")).isEqualTo(1);
    RedisClient client = RedisClient.create(gw.config.redis().uri());
    try (var redis = client.connect()) {
      // The feed is published before the answer: the entry is there as soon as the 201 is.
      List<Map<String, String>> entries = redis.sync()
          .xrevrange(VisitFeed.STREAM, io.lettuce.core.Range.create("-", "+"), io.lettuce.core.Limit.from(500))
          .stream().map(m -> m.getBody()).filter(m -> id.toString().equals(m.get("s"))).toList();
      assertThat(entries).singleElement().satisfies(e -> {
        assertThat(e).containsEntry("w", hoa).containsEntry("c", park.workshop).containsEntry("k", "WORKSHOP")
            .containsEntry("a", "IN").containsEntry("t", Long.toString(at.toEpochMilli()));
        assertThat(VisitFeed.parse(e).scanId()).isEqualTo(id);
      });
    } finally {
      client.shutdown();
    }
  }

  @Test
  void aWorkerAppScanOfAPosterIsStoredForThatWorker() {
    ParkFixture park = new ParkFixture(gw, 20);
    String minh = park.worker("NV002", "Trần Văn Minh");
    Instant at = now();

    HttpResponse<Buffer> r = park.api.post("/v1/scans", park.appToken(minh),
        scan(UUID.randomUUID(), park.poster(park.workshop), null, "IN", at));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("workerId")).isEqualTo(minh);
    assertThat(r.bodyAsJsonObject().getString("checkpointId")).isEqualTo(park.workshop);
    assertThat(rowsByWorker(minh, at)).hasSize(1);
    assertThat(rowsByCheckpoint(park.workshop, at)).hasSize(1);
  }

  @Test
  void aReplayIs200AndAConflictIs409WithExactlyOneRowStored() {
    ParkFixture park = new ParkFixture(gw, 20);
    String w = park.worker("NV003", "Lê Thị Hoa");
    String badge = park.badge(w);
    UUID id = UUID.randomUUID();
    Instant at = now();
    JsonObject first = scan(id, badge, park.workshop, "IN", at);

    assertThat(park.api.post("/v1/scans", park.deviceKey, first).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> replay = park.api.post("/v1/scans", park.deviceKey, first);
    HttpResponse<Buffer> conflict = park.api.post("/v1/scans", park.deviceKey, scan(id, badge, park.workshop, "OUT", at));

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.bodyAsJsonObject().getString("scanId")).isEqualTo(id.toString());
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(Api.code(conflict)).isEqualTo("SCAN_ID_CONFLICT");
    assertThat(rowsByWorker(w, at)).singleElement().satisfies(row -> assertThat(row.getString("action")).isEqualTo("IN"));
    assertThat(rowsByCheckpoint(park.workshop, at)).hasSize(1);
  }

  @Test
  void everyRefusalHasItsStatusAndWritesNothing() throws Exception {
    ParkFixture park = new ParkFixture(gw, 20);
    String w = park.worker("NV004", "Phạm Văn Đức");
    String badge = park.badge(w);
    Instant at = now();
    String otherCheckpoint = "other-" + park.suffix;
    park.checkpoint(otherCheckpoint, "CANTEEN", 100, park.enterprise);
    char last = badge.charAt(badge.length() - 5);
    String forged = badge.substring(0, badge.length() - 5) + (last == 'A' ? 'B' : 'A') + badge.substring(badge.length() - 4);
    String altered = badge.replace("." + w + ".", "." + w + "x.");

    // An expired badge: signed with the gateway's own keys, valid for an hour two days ago.
    QrSigner signer = new QrSigner(new SigningKeyStore(gw.vertx, gw.session).load()
        .toCompletionStage().toCompletableFuture().get());
    Instant twoDaysAgo = at.minus(Duration.ofDays(2));
    String expired = signer.badge(w, twoDaysAgo, Duration.ofHours(1)).payload();

    record Case(String name, String auth, JsonObject body, int status, String code) {}
    List<Case> cases = List.of(
        new Case("forged signature", park.deviceKey, scan(UUID.randomUUID(), forged, park.workshop, "IN", at), 422, "QR_BAD_SIGNATURE"),
        new Case("altered worker id", park.deviceKey, scan(UUID.randomUUID(), altered, park.workshop, "IN", at), 422, "QR_BAD_SIGNATURE"),
        new Case("expired badge", park.deviceKey, scan(UUID.randomUUID(), expired, park.workshop, "IN", twoDaysAgo.plus(Duration.ofHours(3))), 422, "QR_EXPIRED"),
        new Case("poster where a badge is expected", park.deviceKey, scan(UUID.randomUUID(), park.poster(park.workshop), park.workshop, "IN", at), 422, "QR_WRONG_KIND"),
        new Case("not a QR payload", park.deviceKey, scan(UUID.randomUUID(), "hello", park.workshop, "IN", at), 422, "QR_MALFORMED"),
        new Case("device at a checkpoint not its own", park.deviceKey, scan(UUID.randomUUID(), badge, otherCheckpoint, "IN", at), 403, "FORBIDDEN"),
        new Case("at far in the future", park.deviceKey, scan(UUID.randomUUID(), badge, park.workshop, "IN", at.plus(Duration.ofHours(1))), 422, "AT_IN_FUTURE"),
        new Case("at older than retention", park.deviceKey, scan(UUID.randomUUID(), badge, park.workshop, "IN", at.minus(Duration.ofDays(22))), 422, "AT_TOO_OLD"),
        new Case("bad action", park.deviceKey, scan(UUID.randomUUID(), badge, park.workshop, "SIDEWAYS", at), 400, "INVALID_FIELD"),
        new Case("scanId not a UUID", park.deviceKey, scan(UUID.randomUUID(), badge, park.workshop, "IN", at).put("scanId", "42"), 400, "INVALID_FIELD"),
        new Case("wrong key", "ApiKey tgd_not-a-key", scan(UUID.randomUUID(), badge, park.workshop, "IN", at), 401, "UNAUTHENTICATED"),
        new Case("health officer cannot scan", gw.bearer("health"), scan(UUID.randomUUID(), badge, park.workshop, "IN", at), 403, "FORBIDDEN"));

    for (Case c : cases) {
      HttpResponse<Buffer> r = park.api.post("/v1/scans", c.auth(), c.body());
      assertThat(r.statusCode()).as(c.name() + ": " + r.bodyAsString()).isEqualTo(c.status());
      if (!c.code().equals("UNAUTHENTICATED")) {
        assertThat(Api.code(r)).as(c.name()).isEqualTo(c.code());
      }
    }
    for (Instant day : List.of(at, at.minus(Duration.ofDays(2)), at.minus(Duration.ofDays(22)), at.plus(Duration.ofHours(1)))) {
      assertThat(rowsByWorker(w, day)).isEmpty();
      assertThat(rowsByWorker(w + "x", day)).isEmpty();
    }
    assertThat(rowsByCheckpoint(park.workshop, at)).isEmpty();
    assertThat(rowsByCheckpoint(otherCheckpoint, at)).isEmpty();
  }

  @Test
  void aBatchAcceptsGoodItemsAndReportsEachBadOne() {
    ParkFixture park = new ParkFixture(gw, 20);
    String a = park.worker("NV005", "Võ Thị Mai");
    String b = park.worker("NV006", "Đặng Văn Hùng");
    Instant at = now();
    UUID good1 = UUID.randomUUID();
    UUID good2 = UUID.randomUUID();
    UUID bad = UUID.randomUUID();
    // One payload for both copies: a badge fetched twice may be signed twice (another validity).
    String badgeA = park.badge(a);
    JsonArray scans = new JsonArray()
        .add(scan(good1, badgeA, park.workshop, "IN", at))
        .add(scan(bad, "TG1.B.garbage", park.workshop, "IN", at))
        .add(new JsonObject().put("scanId", "nope"))
        .add(scan(good2, park.badge(b), park.workshop, "IN", at.minus(Duration.ofMinutes(1))))
        .add(scan(good1, badgeA, park.workshop, "IN", at));

    HttpResponse<Buffer> r = park.api.post("/v1/scans/batch", park.deviceKey, new JsonObject().put("scans", scans));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray results = r.bodyAsJsonObject().getJsonArray("results");
    assertThat(results).hasSize(5);
    assertThat(results.getJsonObject(0).getInteger("status")).isEqualTo(201);
    assertThat(results.getJsonObject(1).getInteger("status")).isEqualTo(422);
    assertThat(results.getJsonObject(1).getJsonObject("error").getString("code")).isEqualTo("QR_MALFORMED");
    assertThat(results.getJsonObject(2).getInteger("status")).isEqualTo(400);
    assertThat(results.getJsonObject(3).getInteger("status")).isEqualTo(201);
    assertThat(results.getJsonObject(4).getInteger("status")).as(results.encodePrettily()).isIn(200, 201);
    assertThat(rowsByWorker(a, at)).hasSize(1);
    assertThat(rowsByWorker(b, at.minus(Duration.ofMinutes(1)))).hasSize(1);
  }

  @Test
  void aBatchOf200IsStoredInBothTablesAndCountedInTheWriteMetrics() {
    ParkFixture park = new ParkFixture(gw, 500);
    List<String> workers = List.of(park.worker("NV041", "Lý Thị Hoa"), park.worker("NV042", "Tạ Văn Nam"),
        park.worker("NV043", "Mạc Thị Lan"), park.worker("NV044", "Kiều Văn Phúc"));
    List<String> badges = workers.stream().map(park::badge).toList();
    Instant at = now();
    JsonArray scans = new JsonArray();
    for (int i = 0; i < 200; i++) {
      scans.add(scan(UUID.randomUUID(), badges.get(i % badges.size()), park.workshop, i % 2 == 0 ? "IN" : "OUT",
          at.minusMillis(10L * i)));
    }
    double writesBefore = metric(park, "tracegate_visit_writes_total");
    double scansBefore = metric(park, "tracegate_visit_scans_written_total");

    HttpResponse<Buffer> r = park.api.post("/v1/scans/batch", park.deviceKey, new JsonObject().put("scans", scans));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("results").stream()
        .map(o -> ((JsonObject) o).getInteger("status"))).containsOnly(201);
    double scansWritten = metric(park, "tracegate_visit_scans_written_total") - scansBefore;
    double writes = metric(park, "tracegate_visit_writes_total") - writesBefore;
    assertThat(scansWritten).isGreaterThanOrEqualTo(200);
    // How many share a request depends on how fast Cassandra answers (VisitLogIT shows the grouping).
    assertThat(writes).as("requests carrying those scans").isPositive().isLessThanOrEqualTo(scansWritten);
    java.util.Set<UUID> stored = new java.util.HashSet<>();
    for (Instant day : List.of(at, at.minusMillis(2_000))) {
      rowsByCheckpoint(park.workshop, day).forEach(row -> stored.add(row.getUuid("scan_id")));
    }
    assertThat(stored).containsExactlyInAnyOrderElementsOf(scans.stream()
        .map(o -> UUID.fromString(((JsonObject) o).getString("scanId"))).toList());
    int byWorker = 0;
    for (String w : workers) {
      byWorker += rowsByWorker(w, at).size()
          + (DayBucket.of(at).equals(DayBucket.of(at.minusMillis(2_000))) ? 0 : rowsByWorker(w, at.minusMillis(2_000)).size());
    }
    assertThat(byWorker).isEqualTo(200);
  }

  private static double metric(ParkFixture park, String name) {
    String text = park.api.get("/metrics", null).bodyAsString();
    return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void aBatchOfMoreThan500IsRefusedWith413() {
    ParkFixture park = new ParkFixture(gw, 20);
    JsonArray scans = new JsonArray();
    for (int i = 0; i < 501; i++) {
      scans.add(new JsonObject());
    }
    HttpResponse<Buffer> r = park.api.post("/v1/scans/batch", park.deviceKey, new JsonObject().put("scans", scans));
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void theScanAfterCapacityCarriesACapacityWarning() {
    ParkFixture park = new ParkFixture(gw, 2);
    Instant at = now();
    HttpResponse<Buffer> last = null;
    for (int i = 1; i <= 3; i++) {
      String w = park.worker("C" + i, "Công Nhân " + "ABC".charAt(i - 1));
      last = park.api.post("/v1/scans", park.deviceKey, scan(UUID.randomUUID(), park.badge(w), park.workshop, "IN", at));
      if (i < 3) {
        assertThat(last.bodyAsJsonObject().getJsonArray("warnings")).as("scan " + i).isEmpty();
      }
    }
    assertThat(last.statusCode()).isEqualTo(201);
    assertThat(last.bodyAsJsonObject().getInteger("occupancy")).isEqualTo(3);
    assertThat(last.bodyAsJsonObject().getJsonArray("warnings")).containsExactly("CAPACITY_EXCEEDED");
  }

  @Test
  void anInElsewhereMovesTheWorkerOutOfTheFirstRoom() {
    ParkFixture park = new ParkFixture(gw, 20);
    String w = park.worker("NV007", "Bùi Thị Thu");
    String canteen = "canteen-" + park.suffix;
    park.checkpoint(canteen, "CANTEEN", 100, park.enterprise);
    String app = park.appToken(w);
    Instant at = now();
    park.api.post("/v1/scans", app, scan(UUID.randomUUID(), park.poster(park.workshop), null, "IN", at.minusSeconds(60)));
    HttpResponse<Buffer> r = park.api.post("/v1/scans", app, scan(UUID.randomUUID(), park.poster(canteen), null, "IN", at));

    assertThat(r.bodyAsJsonObject().getInteger("occupancy")).isEqualTo(1);
    String health = gw.bearer("health");
    assertThat(park.api.get("/v1/presence/checkpoints/" + park.workshop, health).bodyAsJsonObject()
        .getInteger("occupancy")).isZero();
    assertThat(park.api.get("/v1/presence/checkpoints/" + canteen, health).bodyAsJsonObject()
        .getInteger("occupancy")).isEqualTo(1);
  }

  @Test
  void aPosterPngRenderedByTheServerDecodesToAPayloadTheServerAccepts() {
    ParkFixture park = new ParkFixture(gw, 20);
    String w = park.worker("NV008", "Hoàng Văn Nam");
    HttpResponse<Buffer> png = park.api.get("/v1/checkpoints/" + park.workshop + "/qr.png", park.admin);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");

    String payload = new QrDecoder().decode(png.body().getBytes());

    assertThat(payload).startsWith("TG1.P.").contains("." + park.workshop + ".");
    HttpResponse<Buffer> r = park.api.post("/v1/scans", park.appToken(w), scan(UUID.randomUUID(), payload, null, "IN", now()));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("checkpointId")).isEqualTo(park.workshop);
    HttpResponse<Buffer> svg = park.api.get("/v1/checkpoints/" + park.workshop + "/qr.svg", park.admin);
    assertThat(svg.statusCode()).isEqualTo(200);
    assertThat(svg.bodyAsString()).contains("<svg").contains("<path");
  }

  @Test
  void aCameraFrameOfABadgeIsDecodedAndStoredAndABlankFrameIs422() throws Exception {
    ParkFixture park = new ParkFixture(gw, 20);
    String w = park.worker("NV009", "Ngô Thị Yến");
    Buffer badgePng = park.api.get("/v1/workers/" + w + "/badge.png", park.admin).body();
    Instant at = now();
    String query = "/v1/scans/image?scanId=" + UUID.randomUUID() + "&checkpointId=" + park.workshop + "&action=IN&at=" + at;

    HttpResponse<Buffer> r = park.api.post(query, park.deviceKey, "image/png", badgePng);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("workerId")).isEqualTo(w);
    assertThat(rowsByWorker(w, at)).hasSize(1);

    java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(blank, "png", out);
    String query2 = "/v1/scans/image?scanId=" + UUID.randomUUID() + "&checkpointId=" + park.workshop + "&action=IN&at=" + at;
    HttpResponse<Buffer> none = park.api.post(query2, park.deviceKey, "image/png", Buffer.buffer(out.toByteArray()));
    assertThat(none.statusCode()).isEqualTo(422);
    assertThat(Api.code(none)).isEqualTo("QR_NOT_FOUND");
  }

  @Test
  void aCsvRosterImportsGoodLinesAndReportsTheBadOne() {
    ParkFixture park = new ParkFixture(gw, 20);
    String csv = "\uFEFFid,enterpriseId,fullName,phone,team\r\n"
        + "R1-" + park.suffix + "," + park.enterprise + ",Nguyễn Thị Lan,0912345678,Tổ 1\r\n"
        + "R2-" + park.suffix + "," + park.enterprise + ",Trần Văn Bình,not-a-phone,Tổ 2\r\n"
        + "R3-" + park.suffix + "," + park.enterprise + ",Lê Thị Cúc,0987654321,\"Tổ 3, ca đêm\"\r\n";
    HttpResponse<Buffer> r = park.api.post("/v1/workers/import", park.admin, "text/csv; charset=utf-8", Buffer.buffer(csv));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject report = r.bodyAsJsonObject();
    assertThat(report.getInteger("imported")).isEqualTo(2);
    assertThat(report.getInteger("failed")).isEqualTo(1);
    assertThat(report.getJsonArray("errors").getJsonObject(0).getInteger("line")).isEqualTo(3);
    Row stored = gw.session.execute(SimpleStatement.newInstance("SELECT full_name FROM workers WHERE id = ?",
        "R1-" + park.suffix)).one();
    assertThat(stored.getString("full_name")).isEqualTo("Nguyễn Thị Lan");
    assertThat(gw.session.execute(SimpleStatement.newInstance("SELECT id FROM workers WHERE id = ?",
        "R2-" + park.suffix)).one()).isNull();
  }
}
