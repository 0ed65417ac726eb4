package vn.tracegate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A positive worker traced over HTTP from visits scanned through the API: the F1 in the workshop,
 * the F2 met on a shared bus after the F1's exposure, a contact too short to count, masking of
 * another enterprise for a safety team, the F1's own status, and the trace list files.
 */
class TraceIT {

  static TestGateway gw;
  static ParkFixture park;
  static ParkFixture other;
  static String f0;
  static String f1;
  static String shortContact;
  static String f2;
  static String bus;
  static Instant t0;

  @BeforeAll
  static void scanADay() throws Exception {
    gw = TestGateway.get();
    park = new ParkFixture(gw, 20);
    other = new ParkFixture(gw, 20);
    bus = "bus-" + park.suffix;
    park.checkpoint(bus, "BUS", 45, null);
    f0 = park.worker("F0", "Nguyễn Thị Lan");
    f1 = park.worker("F1", "Trần Văn Minh");
    shortContact = park.worker("SC", "Lê Thị Hoa");
    f2 = other.worker("F2", "Phạm Văn Đức");
    t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(4));

    visit(f0, park.workshop, 0, 60);          // F0 in the workshop 00:00-01:00
    visit(f1, park.workshop, 10, 40);         // F1: 30 min with F0 -> F1 from 00:10
    visit(shortContact, park.workshop, 55, 120); // 5 min with F0 -> nobody
    visit(f1, bus, 70, 80);                   // F1 on the bus 01:10-01:20, after becoming F1
    visit(f2, bus, 75, 90);                   // F2: 5 min on a bus with F1 -> F2
  }

  /** Scans IN and OUT through the worker's own app, {@code from}..{@code to} minutes after t0. */
  static void visit(String workerId, String checkpointId, int from, int to) {
    ParkFixture fixture = workerId.equals(f2) ? other : park;
    String app = fixture.appToken(workerId);
    String poster = park.poster(checkpointId);
    for (var step : List.of(new Object[] {"IN", from}, new Object[] {"OUT", to})) {
      JsonObject scan = new JsonObject().put("scanId", UUID.randomUUID().toString()).put("qr", poster)
          .put("action", step[0]).put("at", t0.plus(Duration.ofMinutes((int) step[1])).toString());
      HttpResponse<Buffer> r = park.api.post("/v1/scans", app, scan);
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
  }

  static JsonObject request(String workerId) {
    return new JsonObject().put("workerId", workerId).put("from", t0.minus(Duration.ofHours(1)).toString())
        .put("to", t0.plus(Duration.ofHours(3)).toString()).put("depth", 2).put("reason", "F0 confirmed by PCR");
  }

  static JsonObject node(JsonObject graph, String workerId) {
    return graph.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("workerId").equals(workerId)).findFirst().orElse(null);
  }

  @Test
  void aHealthOfficerGetsTheF1AndTheF2WithPlacesAndMinutes() {
    HttpResponse<Buffer> r = park.api.post("/v1/traces", gw.bearer("health"), request(f0));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject graph = r.bodyAsJsonObject();
    assertThat(graph.getString("id")).isNotBlank();
    assertThat(graph.getJsonArray("nodes").stream().map(n -> ((JsonObject) n).getString("workerId")).toList())
        .containsExactlyInAnyOrder(f0, f1, f2);
    assertThat(node(graph, f1).getInteger("level")).isEqualTo(1);
    assertThat(node(graph, f1).getString("via")).isEqualTo(f0);
    assertThat(Instant.parse(node(graph, f1).getString("firstExposureAt"))).isEqualTo(t0.plus(Duration.ofMinutes(10)));
    assertThat(node(graph, f2).getInteger("level")).isEqualTo(2);
    assertThat(node(graph, f2).getString("via")).isEqualTo(f1);
    assertThat(node(graph, f2).getString("fullName")).isEqualTo("Phạm Văn Đức");
    JsonArray edges = graph.getJsonArray("edges");
    JsonObject workshopEdge = edges.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("to").equals(f1)).findFirst().orElseThrow();
    assertThat(workshopEdge.getString("checkpointId")).isEqualTo(park.workshop);
    assertThat(workshopEdge.getString("kind")).isEqualTo("WORKSHOP");
    assertThat(workshopEdge.getInteger("minutes")).isEqualTo(30);
    JsonObject busEdge = edges.stream().map(JsonObject.class::cast)
        .filter(e -> e.getString("to").equals(f2)).findFirst().orElseThrow();
    assertThat(busEdge.getString("checkpointId")).isEqualTo(bus);
    assertThat(busEdge.getInteger("minutes")).isEqualTo(5);
  }

  @Test
  void theTracedWorkersSeeTheirStatus() {
    park.api.post("/v1/traces", gw.bearer("health"), request(f0));
    HttpResponse<Buffer> r = park.api.get("/v1/workers/me/status", park.appToken(f1));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("level")).isEqualTo("F1");
    HttpResponse<Buffer> untouched = park.api.get("/v1/workers/me/status", park.appToken(shortContact));
    assertThat(untouched.bodyAsJsonObject().getString("level")).isEqualTo("NORMAL");
  }

  @Test
  void everyTraceAndExportIsAuditedAndTheTracedWorkerSeesWhoLookedAndWhy() {
    String id = park.api.post("/v1/traces", gw.bearer("health"), request(f0)).bodyAsJsonObject().getString("id");
    assertThat(park.api.get("/v1/traces/" + id + "/export.csv?reason=gui%20so%20y%20te", gw.bearer("health"))
        .statusCode()).isEqualTo(200);

    HttpResponse<Buffer> access = park.api.get("/v1/workers/me/access", park.appToken(f1));

    assertThat(access.statusCode()).isEqualTo(200);
    List<JsonObject> entries = access.bodyAsJsonObject().getJsonArray("entries").stream()
        .map(JsonObject.class::cast).toList();
    assertThat(entries).anySatisfy(e -> {
      assertThat(e.getString("action")).isEqualTo("TRACE");
      assertThat(e.getString("actorRole")).isEqualTo("health");
      assertThat(e.getString("object")).isEqualTo("trace:" + id);
      assertThat(e.getString("reason")).as("an officer's reason may name the F0").isNull();
    });
    assertThat(entries).anySatisfy(e -> assertThat(e.getString("action")).isEqualTo("EXPORT"));
    assertThat(access.bodyAsString()).as("a contact never learns who the F0 is").doesNotContain(f0);
  }

  @Test
  void aSafetyTeamSeesAnotherEnterprisesWorkerMaskedAndCannotTraceOthersF0() {
    String safety = "Bearer " + gw.token("safety", park.enterprise, null);
    HttpResponse<Buffer> r = park.api.post("/v1/traces", safety, request(f0));

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(node(r.bodyAsJsonObject(), f1).getString("fullName")).isEqualTo("Trần Văn Minh");
    assertThat(node(r.bodyAsJsonObject(), f2).getString("enterpriseId")).isEqualTo(other.enterprise);
    assertThat(r.bodyAsString()).doesNotContain("Phạm Văn Đức").doesNotContain("0912345678\",\"team\":\"Tổ 1\",\"workerId\":\"" + f2);
    assertThat(node(r.bodyAsJsonObject(), f2).containsKey("phone")).isFalse();

    String otherSafety = "Bearer " + gw.token("safety", other.enterprise, null);
    assertThat(park.api.post("/v1/traces", otherSafety, request(f0)).statusCode()).isEqualTo(403);
  }

  @Test
  void aTraceWithoutAReasonOrWithABadWindowIsA400() {
    JsonObject noReason = request(f0);
    noReason.remove("reason");
    HttpResponse<Buffer> r = park.api.post("/v1/traces", gw.bearer("health"), noReason);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Api.code(r)).isEqualTo("REASON_REQUIRED");
    HttpResponse<Buffer> inverted = park.api.post("/v1/traces", gw.bearer("health"),
        request(f0).put("from", t0.plus(Duration.ofDays(1)).toString()));
    assertThat(inverted.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> deep = park.api.post("/v1/traces", gw.bearer("health"), request(f0).put("depth", 4));
    assertThat(deep.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> unknown = park.api.post("/v1/traces", gw.bearer("health"), request("nobody-" + park.suffix));
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void theTraceListOpensAsCsvAndXlsxWithVietnameseNamesIntact() throws Exception {
    String id = park.api.post("/v1/traces", gw.bearer("health"), request(f0)).bodyAsJsonObject().getString("id");

    HttpResponse<Buffer> csv = park.api.get("/v1/traces/" + id + "/export.csv?reason=khoanh%20vung", gw.bearer("health"));
    assertThat(csv.statusCode()).as(csv.bodyAsString()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    byte[] bytes = csv.body().getBytes();
    assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("Trần Văn Minh").contains("Phạm Văn Đức").contains("\r\n");

    HttpResponse<Buffer> xlsx = park.api.get("/v1/traces/" + id + "/export.xlsx?reason=khoanh%20vung", gw.bearer("health"));
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      List<Row> rows = wb.getFirstSheet().read();
      String cells = rows.stream().flatMap(row -> row.stream()).filter(c -> c != null)
          .map(c -> String.valueOf(c.getRawValue())).collect(Collectors.joining("|"));
      assertThat(cells).contains("Nguyễn Thị Lan").contains("Trần Văn Minh").contains(f2);
    }

    HttpResponse<Buffer> noReason = park.api.get("/v1/traces/" + id + "/export.csv", gw.bearer("health"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    HttpResponse<Buffer> missing = park.api.get("/v1/traces/" + UUID.randomUUID() + "/export.csv?reason=x", gw.bearer("health"));
    assertThat(missing.statusCode()).isEqualTo(404);
  }
}
