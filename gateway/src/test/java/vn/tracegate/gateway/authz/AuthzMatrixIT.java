package vn.tracegate.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.tracegate.gateway.TestGateway;

/**
 * Every endpoint × every kind of caller → the expected status, over real HTTP. The objects asked
 * for belong to enterprise A (or the bus A and B share). A 2xx answer to a caller scoped to one
 * enterprise never carries the name or phone of another enterprise's worker.
 */
class AuthzMatrixIT {

  /** Who is calling. The last three are refused before any route runs. */
  enum Who { ADMIN, HEALTH, SAFETY_A, SAFETY_B, WORKER_A, DEVICE_A, EXPIRED_TOKEN, REVOKED_DEVICE, NO_CREDENTIALS }

  /** Expected statuses for ADMIN, HEALTH, SAFETY_A, SAFETY_B, WORKER_A, DEVICE_A; the rest are 401. */
  static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("POST /v1/enterprises", new int[] {201, 403, 403, 403, 403, 403});
    EXPECTED.put("POST /v1/checkpoints", new int[] {201, 403, 403, 403, 403, 403});
    EXPECTED.put("POST /v1/workers (of A)", new int[] {201, 403, 201, 403, 403, 403});
    // Safety B may import, but every line for A is refused line by line (asserted below).
    EXPECTED.put("POST /v1/workers/import (roster of A)", new int[] {200, 403, 200, 200, 403, 403});
    EXPECTED.put("POST /v1/devices", new int[] {201, 403, 403, 403, 403, 403});
    EXPECTED.put("POST /v1/workers/{A}/tokens", new int[] {201, 403, 201, 403, 403, 403});
    EXPECTED.put("GET /v1/checkpoints/{workshop A}/qr.json", new int[] {200, 403, 200, 403, 403, 403});
    EXPECTED.put("GET /v1/checkpoints/{workshop A}/qr.png", new int[] {200, 403, 200, 403, 403, 403});
    EXPECTED.put("GET /v1/workers/{A}/badge.json", new int[] {200, 403, 200, 403, 200, 403});
    EXPECTED.put("GET /v1/workers/{B}/badge.json", new int[] {200, 403, 403, 200, 403, 403});
    EXPECTED.put("POST /v1/scans", new int[] {403, 403, 403, 403, 201, 201});
    EXPECTED.put("POST /v1/scans/batch", new int[] {403, 403, 403, 403, 200, 200});
    EXPECTED.put("POST /v1/scans/image", new int[] {403, 403, 403, 403, 403, 201});
    EXPECTED.put("GET /v1/presence/checkpoints/{workshop A}", new int[] {403, 200, 200, 403, 403, 403});
    EXPECTED.put("GET /v1/presence/checkpoints/{shared bus}", new int[] {403, 200, 200, 200, 403, 403});
    EXPECTED.put("GET /v1/workers/me/access", new int[] {403, 403, 403, 403, 200, 403});
    EXPECTED.put("POST /v1/keys/rotate", new int[] {200, 403, 403, 403, 403, 403});
    EXPECTED.put("POST /v1/keys/{kid}/revoke", new int[] {200, 403, 403, 403, 403, 403});
    EXPECTED.put("POST /v1/devices/{id}/revoke", new int[] {200, 403, 403, 403, 403, 403});
    EXPECTED.put("GET /v1/audit/verify", new int[] {200, 403, 403, 403, 403, 403});
    EXPECTED.put("POST /v1/traces (F0 of A)", new int[] {403, 201, 201, 403, 403, 403});
    EXPECTED.put("GET /v1/traces/{F0 of A}/export.csv", new int[] {403, 200, 200, 403, 403, 403});
    EXPECTED.put("GET /v1/traces/{F0 of A}/export.xlsx", new int[] {403, 200, 200, 403, 403, 403});
    EXPECTED.put("GET /v1/workers/me/status", new int[] {403, 403, 403, 403, 200, 403});
  }

  static TwoEnterprises park;
  static Map<Who, String> credentials;
  static Map<String, Function<Who, HttpResponse<Buffer>>> calls;
  static String traceOfA;
  static final AtomicInteger counter = new AtomicInteger();

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    EXPECTED.forEach((endpoint, statuses) -> {
      for (Who who : Who.values()) {
        out.add(Arguments.of(endpoint, who, who.ordinal() < statuses.length ? statuses[who.ordinal()] : 401));
      }
    });
    return out.stream();
  }

  @BeforeAll
  static void park() throws Exception {
    TestGateway gw = TestGateway.get();
    park = new TwoEnterprises(gw);
    credentials = new LinkedHashMap<>();
    credentials.put(Who.ADMIN, gw.bearer("admin"));
    credentials.put(Who.HEALTH, gw.bearer("health"));
    credentials.put(Who.SAFETY_A, "Bearer " + gw.token("safety", park.a.enterprise, null));
    credentials.put(Who.SAFETY_B, "Bearer " + gw.token("safety", park.b.enterprise, null));
    credentials.put(Who.WORKER_A, park.a.appToken(park.workerA));
    credentials.put(Who.DEVICE_A, park.a.deviceKey);
    credentials.put(Who.EXPIRED_TOKEN, "Bearer " + gw.expiredToken("admin"));
    credentials.put(Who.REVOKED_DEVICE, park.revokedKey);
    credentials.put(Who.NO_CREDENTIALS, null);
    // Both enterprises' workers ride the shared bus, so its presence lists someone of B.
    String busDevice = "busdev-" + park.a.suffix;
    HttpResponse<Buffer> d = park.api.post("/v1/devices", park.a.admin, new JsonObject().put("id", busDevice)
        .put("enterpriseId", park.a.enterprise).put("checkpointIds", new JsonArray().add(park.bus)));
    String busKey = "ApiKey " + d.bodyAsJsonObject().getString("apiKey");
    for (String w : List.of(park.workerA, park.workerB)) {
      HttpResponse<Buffer> r = park.api.post("/v1/scans", busKey, scan(park.a.badge(w), park.bus));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    }
    traceOfA = healthTraceOfA();
    calls = new EndpointCalls(park, traceOfA).all();
    assertThat(calls.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  /**
   * A trace of A's worker by a health officer: it reaches B's worker through the bus, so a safety
   * team of A tracing the same F0 is shown someone of B, who must come masked.
   */
  static String healthTraceOfA() {
    HttpResponse<Buffer> r = park.api.post("/v1/traces", credentials.get(Who.HEALTH), traceRequest());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsString()).as("B's worker met A's on the bus").contains(park.workerB).contains(park.nameB);
    return r.bodyAsJsonObject().getString("id");
  }

  static JsonObject traceRequest() {
    Instant now = Instant.now();
    return new JsonObject().put("workerId", park.workerA).put("from", now.minusSeconds(3600).toString())
        .put("to", now.toString()).put("depth", 1).put("reason", "F0 xác nhận bằng PCR");
  }

  static JsonObject scan(String qr, String checkpointId) {
    JsonObject body = new JsonObject().put("scanId", UUID.randomUUID().toString()).put("qr", qr).put("action", "IN")
        .put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    return checkpointId == null ? body : body.put("checkpointId", checkpointId);
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @MethodSource("cases")
  void everyEndpointAnswersEveryCallerAsTheRolesSay(String endpoint, Who who, int expected) {
    HttpResponse<Buffer> r = calls.get(endpoint).apply(who);

    assertThat(r.statusCode()).as(endpoint + " as " + who + ": " + r.bodyAsString()).isEqualTo(expected);
    if (expected >= 400) {
      assertThat(r.bodyAsJsonObject().getJsonObject("error").getString("code")).isNotBlank();
      return;
    }
    String body = text(r);
    List<String> foreign = switch (who) {
      case SAFETY_A, WORKER_A, DEVICE_A -> park.secretsOfB();
      case SAFETY_B -> park.secretsOfA();
      default -> List.of();
    };
    for (String secret : foreign) {
      assertThat(body).as(endpoint + " as " + who).doesNotContain(secret);
    }
    if (endpoint.startsWith("POST /v1/workers/import") && who == Who.SAFETY_B) {
      assertThat(r.bodyAsJsonObject().getInteger("imported")).isZero();
    }
  }

  @Test
  void aSafetyTeamSeesTheOtherEnterprisesContactOnlyAsIdAndEnterpriseInTracesAndLists() {
    String safetyA = credentials.get(Who.SAFETY_A);
    List<HttpResponse<Buffer>> answers = List.of(
        park.api.post("/v1/traces", safetyA, traceRequest()),
        park.api.get("/v1/traces/" + traceOfA + "/export.csv?reason=x", safetyA),
        park.api.get("/v1/traces/" + traceOfA + "/export.xlsx?reason=x", safetyA));
    for (HttpResponse<Buffer> r : answers) {
      assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
      assertThat(text(r)).contains(park.workerB).contains(park.b.enterprise)
          .contains(park.nameA).doesNotContain(park.nameB).doesNotContain(park.phoneB);
    }
  }

  /** The body as text; the cells of a spreadsheet (an XLSX is a zip: a plain search would see nothing). */
  static String text(HttpResponse<Buffer> r) {
    if (r.body() == null) {
      return "";
    }
    if (!String.valueOf(r.getHeader("Content-Type")).contains("spreadsheetml")) {
      return r.body().toString(StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    try (var workbook = new ReadableWorkbook(
        new ByteArrayInputStream(r.body().getBytes()))) {
      workbook.getSheets().forEach(sheet -> {
        try (var rows = sheet.openStream()) {
          rows.forEach(row -> row.forEach(cell -> out.append(cell == null ? "" : cell.getRawValue()).append('\t')));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static String credential(Who who) {
    return credentials.get(who);
  }

  static String unique(String prefix) {
    return prefix + "-" + park.a.suffix + "-" + counter.incrementAndGet();
  }
}
